// The values navigator (/navigator). The profile lives in this browser's localStorage only; ranking asks
// POST /api/navigator/rank with the profile's JSON and draws the answer with textContent (never HTML).
// Without this script the form is a plain GET form the server answers itself.
const KEY = 'seratio.navigator.profile';

const form = document.getElementById('navigator-form');
const weights = document.getElementById('nav-weights');
const min = document.getElementById('nav-min');
const cert = document.getElementById('nav-cert');
const prov = document.getElementById('nav-prov');
const depth = document.getElementById('nav-depth');
const forget = document.getElementById('nav-forget');
const saved = document.getElementById('nav-saved');
const error = document.getElementById('nav-error');
const section = document.getElementById('ranking');

function whole(text) {
  const t = text.trim();
  return /^-?\d+$/.test(t) ? Number(t) : t;
}

// The form as a profile document; what does not parse is sent as typed, so the server names the problem.
export function profileFromForm() {
  const labels = {};
  for (const pair of weights.value.split(/[\n\r,]+/).map(s => s.trim()).filter(s => s.length > 0)) {
    const at = pair.indexOf('=');
    if (at < 0) throw new Error(`'${pair}' is not "label = weight", e.g. "sdg:13 = 5"`);
    labels[pair.slice(0, at).trim()] = whole(pair.slice(at + 1));
  }
  const profile = { labels, minRatio: min.value.trim() || '0' };
  if (cert.value.trim()) profile.certificateWeight = whole(cert.value);
  if (prov.value.trim()) profile.provenanceWeight = whole(prov.value);
  if (depth.value.trim()) profile.maxProvenanceDepth = whole(depth.value);
  return profile;
}

function fillForm(profile) {
  weights.value = Object.entries(profile.labels || {}).map(([label, weight]) => `${label} = ${weight}`).join('\n');
  min.value = profile.minRatio ?? '0';
  if (profile.certificateWeight !== undefined) cert.value = String(profile.certificateWeight);
  if (profile.provenanceWeight !== undefined) prov.value = String(profile.provenanceWeight);
  if (profile.maxProvenanceDepth !== undefined) depth.value = String(profile.maxProvenanceDepth);
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = String(text);
  return node;
}

function draw(result) {
  section.replaceChildren();
  const title = el('h2', '', `Ranking at height ${result.height}`);
  title.id = 'ranking-title';
  const summary = el('p', 'muted', `${result.entitiesConsidered} entities considered; score = the sum of the points below.`);
  summary.id = 'ranking-summary';
  section.append(title, summary);
  for (const note of result.notes) section.append(el('p', 'warn', note));
  const list = el('ol', 'ranking');
  for (const r of result.ranking) {
    const item = el('li', 'ranked');
    item.dataset.entity = String(r.entity);
    const head = el('div', 'ranked-head');
    const link = el('a', '', r.name);
    link.href = `/entities/${r.entity}`;
    head.append(el('span', 'place', `${r.rank}.`), link, el('span', 'muted', `entity ${r.entity}, ${r.kind}`), el('span', 'score', `score ${r.score}`));
    const reasons = el('ul', 'reasons');
    for (const reason of r.reasons) reasons.append(el('li', `reason reason-${reason.kind}`, reason.text));
    item.append(head, reasons);
    list.append(item);
  }
  section.append(list);
}

async function rank(profile) {
  error.textContent = '';
  let response;
  try {
    response = await fetch('/api/navigator/rank', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(profile),
    });
  } catch (e) {
    error.textContent = `The portal does not answer: ${e.message}`;
    return false;
  }
  const body = await response.json().catch(() => ({ error: `the portal answered ${response.status}` }));
  if (!response.ok) {
    error.textContent = body.error || `the portal answered ${response.status}`;
    return false;
  }
  localStorage.setItem(KEY, JSON.stringify(body.profile));
  forget.hidden = false;
  saved.textContent = 'Profile saved in this browser.';
  draw(body);
  return true;
}

form.addEventListener('submit', event => {
  event.preventDefault();
  let profile;
  try {
    profile = profileFromForm();
  } catch (e) {
    error.textContent = e.message;
    return;
  }
  rank(profile);
});

forget.addEventListener('click', () => {
  localStorage.removeItem(KEY);
  forget.hidden = true;
  saved.textContent = 'Profile forgotten.';
});

// A returning visitor (and no profile in the address) sees their own profile ranked again.
const stored = localStorage.getItem(KEY);
if (stored && !location.search) {
  try {
    const profile = JSON.parse(stored);
    fillForm(profile);
    forget.hidden = false;
    saved.textContent = 'Your saved profile.';
    rank(profile);
  } catch {
    localStorage.removeItem(KEY);
  }
}
