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

// Times arrive in UTC with the zone written (<time datetime="…Z">); show them in the viewer's own zone, with
// the UTC time on hover, and as relative time ("3 min ago") where the page asks for it.
function localTimes(root) {
  const local = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
    timeZoneName: 'short',
  });
  const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  const units = [['year', 31536000], ['month', 2592000], ['week', 604800], ['day', 86400], ['hour', 3600],
    ['minute', 60]];
  for (const time of root.querySelectorAll('time.ts[datetime]')) {
    const at = new Date(time.getAttribute('datetime'));
    if (Number.isNaN(at.getTime())) continue;
    const utc = time.dataset.utc || time.textContent.trim();
    time.dataset.utc = utc;
    const part = Object.fromEntries(local.formatToParts(at).map((p) => [p.type, p.value]));
    const shown = `${part.year}-${part.month}-${part.day} ${part.hour === '24' ? '00' : part.hour}:${part.minute} ${part.timeZoneName}`;
    if (time.dataset.relative) {
      const seconds = (at.getTime() - Date.now()) / 1000;
      const [unit, size] = units.find(([, s]) => Math.abs(seconds) >= s) || ['minute', 60];
      time.textContent = Math.abs(seconds) < 60 ? 'just now' : relative.format(Math.round(seconds / size), unit);
      time.title = shown + ' (' + utc + ')';
    } else {
      time.textContent = shown;
      time.title = utc;
    }
  }
}
localTimes(document);

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
