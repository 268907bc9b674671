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

// ---- Errors in view (issue 21 item 1) ----
// The sticky header's height, for scroll-margin-top (hubguard.css): whatever the page scrolls to lands below
// the header, not under it. CSSOM is allowed by the CSP; inline styles are not.
function measureStickyHeader() {
  const header = document.querySelector('.topbar');
  if (!header) return;
  const set = () => document.documentElement.style.setProperty('--header-height', header.offsetHeight + 'px');
  set();
  if (window.ResizeObserver) new ResizeObserver(set).observe(header);
}

// A page that comes back with errors moves focus to their summary, scrolled below the sticky header; the
// summary links to each field, which then takes focus.
// Without errors, a field with autofocus keeps it, its whole section scrolled into view below the header
// (the browser alone would show the field but not the section's heading).
function focusErrorSummary() {
  const summary = document.querySelector('[data-error-summary]');
  if (!summary) {
    const field = document.querySelector('main [autofocus]');
    if (field) {
      (field.closest('section') || field).scrollIntoView({ block: 'start' });
      field.focus({ preventScroll: true });
    }
    return;
  }
  summary.scrollIntoView({ block: 'start' });
  summary.focus({ preventScroll: true });
  summary.addEventListener('click', (event) => {
    const link = event.target.closest('a[href^="#"]');
    const field = link && document.getElementById(link.getAttribute('href').substring(1));
    if (!field) return;
    event.preventDefault();
    field.scrollIntoView({ block: 'center' });
    field.focus({ preventScroll: true });
  });
}

measureStickyHeader();
focusErrorSummary();

// A button with data-copy-text="#id" copies that element's text (such as the Z2JH values) and says so in
// its aria-describedby status; where the clipboard is refused it selects the text for Ctrl+C instead.
function copyTextButtons() {
  document.addEventListener('click', (event) => {
    const button = event.target.closest('[data-copy-text]');
    if (!button) return;
    const source = document.querySelector(button.dataset.copyText);
    const status = document.getElementById(button.getAttribute('aria-describedby'));
    if (!source) return;
    const say = (text) => { if (status) status.textContent = text; };
    const selectIt = () => {
      const range = document.createRange();
      range.selectNodeContents(source);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      say('Selected: press Ctrl+C (⌘C) to copy.');
    };
    if (!navigator.clipboard) { selectIt(); return; }
    navigator.clipboard.writeText(source.textContent).then(() => say('Copied.'), selectIt);
  });
}
copyTextButtons();
