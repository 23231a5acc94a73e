// Live views of the explorer: the front page's latest blocks and the validators page's consensus round, fed by the
// portal's server-sent event streams (/api/stream/blocks, /api/stream/consensus). Changes are announced politely
// (aria-live regions in the pages). Plain DOM, no innerHTML: every value is set as text.

function link(href, text, cls) {
    const a = document.createElement('a');
    a.href = href;
    a.textContent = text;
    if (cls) a.className = cls;
    return a;
}

function cell(child, cls) {
    const td = document.createElement('td');
    if (cls) td.className = cls;
    if (typeof child === 'string') td.textContent = child; else if (child) td.append(child);
    return td;
}

function follow(path, handlers, note) {
    const source = new EventSource(path);
    for (const [name, handle] of Object.entries(handlers)) {
        source.addEventListener(name, (e) => handle(JSON.parse(e.data)));
    }
    source.addEventListener('upstream', (e) => {
        const status = JSON.parse(e.data);
        if (!note) return;
        note.classList.toggle('reconnecting', status.state === 'reconnecting');
        note.textContent = status.state === 'reconnecting' ? 'The portal lost the node\'s stream and is reconnecting.' : 'Live again.';
    });
    window.addEventListener('pagehide', () => source.close());
    return source;
}

const blocks = document.querySelector('[data-live-blocks]');
if (blocks) {
    const keep = Number(blocks.dataset.liveBlocks) || 10;
    const body = blocks.tBodies[0];
    const note = document.getElementById('live-note');
    const height = document.getElementById('latest-height');
    const time = document.getElementById('latest-time');
    const hash = document.getElementById('latest-hash');
    const consensus = document.getElementById('consensus-now');
    follow('/api/stream/blocks', {
        block: (b) => {
            const top = body.rows[0]?.cells[0]?.textContent;
            if (top && Number(top) >= b.height) return; // already shown (the page was rendered after it)
            const row = document.createElement('tr');
            row.className = 'fresh';
            const h = link(`/blocks/${b.hash}`, b.shortHash, 'mono');
            h.title = b.hash;
            const p = b.proposer ? link(`/accounts/${b.proposer}`, b.shortProposer, 'mono') : null;
            row.append(cell(link(`/blocks/${b.height}`, String(b.height)), 'num'), cell(h), cell(b.time), cell(p), cell(String(b.txs), 'num'));
            body.prepend(row);
            while (body.rows.length > keep) body.deleteRow(body.rows.length - 1);
            for (const old of Array.from(body.rows).slice(1)) old.classList.remove('fresh');
            if (height) height.textContent = String(b.height);
            if (time) time.textContent = b.time;
            if (hash) { hash.textContent = b.shortHash; hash.href = `/blocks/${b.hash}`; }
            // Once a block commits the node decides the next height (its round is on the validators page, live).
            if (consensus) consensus.textContent = `deciding height ${b.height + 1}`;
            if (note) { note.classList.remove('reconnecting'); note.textContent = `Block ${b.height} committed with ${b.txs} transaction(s).`; }
        },
    }, note);
}

const round = document.querySelector('[data-live-consensus]');
if (round) {
    const table = document.getElementById('round-votes');
    follow('/api/stream/consensus', {
        consensus: (s) => {
            round.classList.remove('reconnecting');
            round.textContent = `Height ${s.height}, round ${s.round}, step ${s.step}; proposer ${s.shortProposer}.`;
            if (!table) return;
            for (const v of s.validators) {
                const row = table.querySelector(`tr[data-address="${CSS.escape(v.address)}"]`);
                if (!row) continue;
                row.querySelector('[data-cell="proposer"]').textContent = v.proposer ? 'yes' : '';
                row.querySelector('[data-cell="prevote"]').textContent = v.prevote;
                row.querySelector('[data-cell="precommit"]').textContent = v.precommit;
            }
        },
    }, round);
}
