/** 首页: the search box first, then the other services and what the portal publishes. */
import { h } from '../dom.js';
import { searchForm } from '../ui.js';

const SERVICES = [
  ['/search', '信用信息查询', '按主体名称或统一社会信用代码查询基本信息、行政许可、行政处罚等公示信息。'],
  ['/lists', '严重失信主体名单', '浏览依法认定并在公示期内的严重失信主体名单，含失信被执行人名单。'],
  ['/help', '异议申诉与信用修复', '信息有误如何提出异议，符合条件如何申请信用修复。全部免费办理。'],
];

export function render({ view, setTitle }) {
  setTitle('');
  view.replaceChildren(
    h('section', { class: 'hero', 'aria-labelledby': 'home-title' },
      h('h1', { id: 'home-title', tabindex: '-1' }, '公共信用信息查询'),
      h('p', null, '查询法人和非法人组织、个体工商户在公示期内依法公示的公共信用信息。'),
      searchForm({ large: true })),
    h('section', { 'aria-labelledby': 'services-title' },
      h('h2', { id: 'services-title', class: 'visually-hidden' }, '常用服务'),
      h('div', { class: 'tiles' }, SERVICES.map(([href, title, text]) =>
        h('a', { class: 'tile', href }, h('strong', null, title), h('span', null, text))))),
    h('section', { class: 'panel', 'aria-labelledby': 'about-title' },
      h('div', { class: 'panel-head' }, h('h2', { id: 'about-title' }, '公示说明')),
      h('div', { class: 'panel-body prose' },
        h('ul', null,
          h('li', null, '本平台公示的信息依据公共信用信息目录确定，每条信息均注明公示期和公示截止期；公示截止期届满后自动停止公示。'),
          h('li', null, '行政处罚等失信信息按失信程度确定公示期限；信用主体在最短公示期届满并纠正失信行为后，可以申请信用修复。'),
          h('li', null, '涉及自然人的信息依法脱敏展示（如 陈**、3201**********1239），不公开住址、联系方式等个人隐私。'),
          h('li', null, '对公示信息有异议的，可以提出异议申诉。异议申诉和信用修复均不收取任何费用。')))),
  );
}
