"""The page's own style and script: source chips, [n] links and the source panel; the answer scrolled into view.

The chat sanitises its HTML (no scripts, no data- attributes), so the behaviour lives here, in one document-level
script: a click on a chip or an [n] opens the source panel through a hidden button (a Gradio event, no reload).
"""

CSS = """
.ma-card{border:1px solid var(--border-color-primary);border-radius:8px;padding:8px 10px;margin:6px 0}
.ma-where{font-size:0.88em;color:var(--body-text-color);opacity:0.8}
.ma-passage{margin:6px 0;font-size:0.92em}
.ma-passage mark, #ma-reader mark, #ma-panel mark{background:#fff3a3;color:#000}
#ma-panel mark.ma-focus{background:#ffd54a;outline:2px solid #e0a800}
.ma-open{font-size:0.85em} .ma-page{font-size:0.8em;color:var(--body-text-color-subdued);margin-top:1em}
#ma-reader{max-height:70vh;overflow-y:auto}
.ma-chips{display:flex;flex-wrap:wrap;gap:6px;align-items:center;margin-top:6px}
.ma-label{font-size:0.85em;font-weight:600;margin-right:2px}
.ma-chip{display:inline-flex;gap:4px;align-items:center;max-width:100%;border:1px solid var(--border-color-primary);
  border-radius:999px;padding:2px 10px;font-size:0.82em;background:var(--background-fill-secondary);cursor:pointer}
.ma-chip span{overflow:hidden;text-overflow:ellipsis;white-space:nowrap;max-width:22em}
.ma-chip:hover,.ma-chip.ma-on{border-color:var(--color-accent);background:var(--color-accent-soft)}
a.ma-ref{text-decoration:none;font-weight:600;font-size:0.85em;padding:0 1px;border-radius:3px}
a.ma-ref:hover{background:var(--color-accent-soft)}
.ma-scope{font-size:0.82em;color:var(--body-text-color-subdued);margin:4px 0}
.ma-passages summary{cursor:pointer;font-size:0.85em;color:var(--body-text-color-subdued);margin-top:6px}
#ma-side{position:sticky;top:8px;align-self:flex-start}
#ma-panel{max-height:92vh;overflow-y:auto}
#ma-panel h3{margin:0 0 4px 0} #ma-panel .ma-doc-meta{font-size:0.85em;margin:0 0 6px 0}
.ma-page-image{margin:8px 0;max-height:62vh;overflow-y:auto;border:1px solid var(--border-color-primary)}
.ma-page-image img{width:100%;display:block}
.ma-page-note{font-size:0.82em;color:var(--body-text-color-subdued)}
@media (max-width: 720px){
  #ma-chat{height:58vh !important;max-height:58vh}
  .ma-chip span{max-width:12em}
  #ma-side{position:static}
}
"""

# After an answer arrives: bring the newest answer's top into view in the chat (and the window, on a phone).
# Messages render asynchronously, so wait for a bot message not yet seen.
ANSWER_IN_VIEW = """async () => {
  const chat = document.querySelector('#ma-chat');
  if (!chat) return;
  for (let i = 0; i < 80; i++) {
    const bots = chat.querySelectorAll('[data-testid="bot"]');
    const last = bots[bots.length - 1];
    if (last && !last.dataset.maSeen && last.innerText.trim()) {
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      let box = last.parentElement;
      while (box && box !== document.body) {
        const s = getComputedStyle(box);
        if (/(auto|scroll)/.test(s.overflowY) && box.scrollHeight > box.clientHeight) break;
        box = box.parentElement;
      }
      if (box && box !== document.body) {
        box.scrollTop += last.getBoundingClientRect().top - box.getBoundingClientRect().top - 12;
      }
      const top = last.getBoundingClientRect().top;
      if (top < 0 || top > window.innerHeight * 0.6) window.scrollBy(0, top - window.innerHeight * 0.12);
      bots.forEach((b) => { b.dataset.maSeen = '1'; });
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}"""

# After the panel is filled: scroll the page image to the first highlight; on a narrow screen, show the panel.
PANEL_IN_VIEW = """() => {
  const panel = document.querySelector('#ma-panel');
  if (!panel) return;
  const fig = panel.querySelector('.ma-page-image');
  const img = fig && fig.querySelector('img');
  const place = () => { fig.scrollTop = Math.max(0, parseFloat(fig.getAttribute('data-focus')) * img.clientHeight - 80); };
  if (img && fig.getAttribute('data-focus')) { if (img.complete) place(); else img.addEventListener('load', place); }
  const r = panel.getBoundingClientRect();
  if (r.top > window.innerHeight || r.bottom < 0) panel.scrollIntoView({block: 'start'});
}"""

# The source the clicked chip names, read by the hidden button's event (its js runs before the Python handler).
PENDING_SOURCE = "(v) => window.maSource || v"

HEAD = """<script>
(() => {
  const open = (chip, n) => {
    document.querySelectorAll('#ma-chat .ma-chip.ma-on').forEach((c) => c.classList.remove('ma-on'));
    chip.classList.add('ma-on');
    window.maSource = chip.value + (n ? '|' + n : '');
    const button = document.getElementById('ma-open');
    if (button) button.click();
  };
  document.addEventListener('click', (e) => {
    const t = e.target instanceof Element ? e.target : null;
    if (!t) return;
    const chip = t.closest('#ma-chat .ma-chip');
    if (chip) { e.preventDefault(); e.stopPropagation(); open(chip, null); return; }
    const ref = t.closest('#ma-chat a.ma-ref');
    if (!ref) return;
    e.preventDefault(); e.stopPropagation();
    const n = (ref.getAttribute('name') || '').replace(/^c/, '');
    const message = ref.closest('[data-testid="bot"]') || document;
    const target = message.querySelector('.ma-chip[name~="c' + n + '"]');
    if (target) open(target, n);
  }, true);
})();
</script>"""
