'use strict';
// The shop's front end: plain fetch calls to the JAX-RS API under /rest.
const $ = (id) => document.getElementById(id);

async function call(method, path) {
  const response = await fetch('/rest' + path, { method });
  const text = await response.text();
  $('result').textContent = `${method} /rest${path} → ${response.status}` +
    (response.headers.get('X-Degraded') ? ` (degraded: ${response.headers.get('X-Degraded')})` : '') +
    (text ? '\n' + text : '');
  await showSession();
  return response;
}

async function showSession() {
  const s = await (await fetch('/rest/session')).json();
  $('session').textContent = s.sid
    ? `session ${s.sid}… · ${s.user ? 'user ' + s.user : 'anonymous'} · ${s.status} · errors ${s.errors} · ${s.release}`
    : 'no session';
  $('logout').hidden = !s.user;
}

async function showBooks() {
  const books = await (await fetch('/rest/books')).json();
  $('books').replaceChildren(...books.map((b) => {
    const li = document.createElement('li');
    li.innerHTML = `<h3></h3><p class="author"></p><div class="actions">
      <button class="secondary" data-reviews>Reviews</button><button data-order>Order</button></div>`;
    li.querySelector('h3').textContent = b.title;
    li.querySelector('.author').textContent = `${b.author} · ${(b.priceCents / 100).toFixed(2)} €`;
    li.querySelector('[data-reviews]').onclick = () => call('GET', `/books/${b.id}/reviews`);
    li.querySelector('[data-order]').onclick = () => call('POST', `/orders?book=${b.id}`);
    return li;
  }));
}

$('login').onsubmit = (e) => {
  e.preventDefault();
  call('POST', '/session/login?user=' + encodeURIComponent($('user').value));
};
$('logout').onclick = () => call('POST', '/session/logout');
showBooks().then(showSession);
