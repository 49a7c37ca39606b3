/**
 * The sign-in corner of the header: 登录 when sign-in is offered, who is signed in and 退出登录
 * once a session exists. Asks /auth/session (the only request the portal makes with cookies);
 * a server without sign-in answers 404 and the corner stays empty. The portal's data requests
 * still go without credentials: they show what the public may see.
 */
import { h } from './dom.js';

const KIND = { PERSON: '个人', COMPANY: '企业' };

export async function showAccount(slot) {
  let session;
  try {
    const res = await fetch('/auth/session', { credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (!res.ok) return;
    session = await res.json();
  } catch {
    return;
  }
  if (!session.signedIn) {
    const back = encodeURIComponent(location.pathname + location.search);
    slot.replaceChildren(h('a', { class: 'account-link', href: `/auth/login?return=${back}` }, '登录'));
    return;
  }
  slot.replaceChildren(
    session.recordsHeld ? h('a', { class: 'account-link', href: '/my' }, '我的信用') : null,
    h('span', { class: 'account-who' }, `已登录（${KIND[session.kind] ?? ''}）`, session.recordsHeld ? '' : '：本平台暂无您的信用信息'),
    h('form', { class: 'account-logout', method: 'post', action: '/auth/logout' },
      h('input', { type: 'hidden', name: 'csrf', value: session.csrfToken }),
      h('button', { type: 'submit' }, '退出登录')),
  );
}
