// Small progressive enhancements; every page works without JavaScript.
document.addEventListener('click', (event) => {
  const button = event.target.closest('[data-copy]');
  if (!button) return;
  const field = document.querySelector(button.dataset.copy);
  if (!field) return;
  field.select();
  navigator.clipboard?.writeText(field.value).then(() => {
    button.textContent = 'Copied';
  }, () => {});
});

// On a phone, tables stack their rows (see hubguard.css): label each cell but the first
// (the row's key) with its column's heading. Cells that carry their own label are left be.
function labelCells(root) {
  for (const table of root.querySelectorAll('table.table')) {
    const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent.replace(/[↑↓]/g, '').trim());
    for (const row of table.querySelectorAll('tbody tr')) {
      const cells = [...row.cells];
      if (cells.some((cell) => cell.colSpan > 1)) continue;
      cells.forEach((cell, i) => {
        if (i > 0 && cell.tagName === 'TD' && heads[i] && !cell.dataset.label && !cell.querySelector('.phone-only')) {
          cell.dataset.label = heads[i];
        }
      });
    }
  }
}
labelCells(document);

// Destructive buttons ask first.
document.addEventListener('submit', (event) => {
  const button = event.submitter;
  if (button && button.dataset.confirm && !window.confirm(button.dataset.confirm)) {
    event.preventDefault();
  }
});

// A new API token is created through the API and shown once in the page: a reload creates
// nothing, and the value never rests in the session. Without JavaScript the form posts
// to /tokens, which shows the value in its one response.
const tokenForm = document.getElementById('token-form');
if (tokenForm) {
  tokenForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(tokenForm);
    const error = document.getElementById('token-error');
    error.hidden = true;
    let response;
    try {
      response = await fetch('/api/v1/tokens', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': data.get('_csrf') },
        body: JSON.stringify({ name: data.get('name'), days: Number(data.get('days') || 90) }),
      });
    } catch (e) {
      error.textContent = 'The portal did not answer; nothing was created. Try again.';
      error.hidden = false;
      return;
    }
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      error.textContent = body.message || 'The token was not created.';
      error.hidden = false;
      return;
    }
    const box = document.getElementById('new-token-js');
    box.querySelector('[data-token-name]').textContent = body.token.name;
    box.querySelector('#new-token-value').value = body.value;
    box.hidden = false;
    tokenForm.reset();
    const list = document.getElementById('token-list');
    const row = document.createElement('tr');
    const cells = [body.token.name, body.token.prefix + '…', 'just now',
      body.token.expiresAt ? body.token.expiresAt.substring(0, 10) : 'never', 'never', body.token.state];
    cells.forEach((text) => {
      const cell = document.createElement('td');
      cell.textContent = text;
      row.appendChild(cell);
    });
    row.appendChild(document.createElement('td'));
    list.querySelector('tbody').prepend(row);
    labelCells(list.parentElement);
    list.hidden = false;
    document.getElementById('no-tokens')?.remove();
    box.scrollIntoView();
  });
}

// Isolation (daily-b): a link to a check folded away with the passes opens its fold, so the
// check it names is in view.
function openFoldedTarget() {
  if (!location.hash) return;
  const target = document.getElementById(decodeURIComponent(location.hash.substring(1)));
  const fold = target?.closest('details');
  if (fold && !fold.open) {
    fold.open = true;
    target.scrollIntoView();
  }
}
openFoldedTarget();
window.addEventListener('hashchange', openFoldedTarget);
