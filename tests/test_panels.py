"""Tests of plmnb.panels that need a browser or a whole drawing: the live view and the snapshot in JupyterLab's Light and Dark
themes (headless Chromium; screenshots in artifacts/), text contrast, labels inside their charts, legends off the data,
the snapshot's image (legends outside the axes, CJK text), stable entity colours."""
import math, os, random, re, subprocess, sys, warnings
from pathlib import Path
import pytest
from plmnb.panels import EvalPanel, entity_color
from plmnb.progress import LiveProgress

ROOT = Path(__file__).parent.parent
ART = ROOT/'artifacts'

def make_run(finish=True, accumulation=1):
    "A run with every panel busy: train logs, evaluations (with a counter), NER examples (one wrong), a running evaluation."
    random.seed(0)
    lp = LiveProgress(total_steps=120, epochs=3, progress='none', title='tiny-bert · token-classification · 中文', compare=False)
    lp.start(); lp.accumulation = accumulation
    for i in range(100):
        lp.step(n_samples=16, n_tokens=300)
        lp.log(loss=2*math.exp(-i/40) + random.random()*.1, learning_rate=2.25e-4*(1 - i/120), grad_norm=1 + random.random())
        if i % 25 == 24:
            lp.log(eval_loss=math.exp(-i/50), eval_f1=1 - math.exp(-i/50)/2, eval_precision=.5 + i/300, eval_recall=.4 + i/300,
                   num_input_tokens_seen=11940*(i + 1)/25, eval_runtime=.3)
    lp.log_examples([dict(tokens='Ada Lovelace visited Paris in 1843 .'.split(), true=['B-PER', 'I-PER', 'O', 'B-LOC', 'O', 'O', 'O'],
                          pred=['B-PER', 'I-PER', 'O', 'B-PER', 'O', 'B-MISC', 'O']),
                     dict(tokens='王小明 在 北京 工作 。'.split(), true=['B-PER', 'O', 'B-LOC', 'O', 'O'], pred=['B-PER', 'O', 'B-LOC', 'O', 'O'])])
    lp.predict_step(8); lp.predict_step(8); lp.predict_step(8)
    if finish: lp.finish()
    return lp

# -- the snapshot's image ------------------------------------------------------------------------------------------------------

def test_figure_legends_outside_and_labels_inside():
    lp = make_run(accumulation=2)
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    fig = lp.figure(); FigureCanvasAgg(fig)
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    fb = fig.bbox
    axes = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title().split('\n')[0] for ax in axes] == ['train loss', 'eval loss', 'eval metrics', 'learning rate', 'grad norm']
    for ax in axes:
        leg = ax.get_legend()
        assert leg is not None and not leg.get_window_extent(r).overlaps(ax.get_window_extent(r)), ax.get_title()  # never over the lines
        b = ax.get_tightbbox(r)  # everything the axes draw: tick labels, axis labels, title, its legend
        assert fb.x0 - .5 <= b.x0 and b.x1 <= fb.x1 + .5 and fb.y0 - .5 <= b.y0 and b.y1 <= fb.y1 + .5, (ax.get_title(), b, fb)
    assert 'accumulation' in axes[0].get_title()  # says why train and eval loss are apart
    png = lp.png()
    w, h = int.from_bytes(png[16:20], 'big'), int.from_bytes(png[20:24], 'big')
    assert w == 9 * 192 and f'width="{w // 2}"' in lp.snapshot_html()  # 2x the pixels it is shown at
    assert len(lp.snapshot_html()) < 120_000  # a 64-colour palette keeps a saved notebook light

def test_figure_draws_cjk_without_missing_glyphs():
    from matplotlib import font_manager as fm
    if not any('CJK' in f.name for f in fm.fontManager.ttflist):
        pytest.skip('no CJK font installed here (Debian: fonts-noto-cjk; CI installs it)')
    from plmnb.panels import Panel
    class Chinese(Panel):
        n_axes = 1
        def draw(self, axes): axes[0].set_title('这部电影很好看，演员们都很出色。'); axes[0].plot([1, 2], [1, 2], label='训练')
    lp = LiveProgress(progress='none', panels=[Chinese])
    lp.step(); lp.log(loss=1.)
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter('always')
        lp.png()
    assert not [x for x in w if 'missing' in str(x.message).lower()], [str(x.message) for x in w]

# -- tables and colours ---------------------------------------------------------------------------------------------------------

def test_counters_are_not_metrics_and_best_is_bold_only_when_known():
    p = EvalPanel(); p.lp = make_run(); p.on_train_begin()
    p.on_evaluate(10, dict(eval_loss=.5, eval_custom=3., eval_num_input_tokens_seen=11940., eval_steps_per_second=5.))
    p.on_evaluate(20, dict(eval_loss=.4, eval_custom=4., eval_num_input_tokens_seen=23880., eval_steps_per_second=6.))
    h = p.html()
    assert '<b>0.4</b>' in h and '<b>4</b>' not in h and '<b>3</b>' not in h  # direction of 'custom' unknown: never bold
    q = EvalPanel(); q.lp = p.lp; q.on_train_begin()
    for s in (10, 20): q.on_evaluate(s, dict(eval_accuracy=.5, eval_loss=1/s))
    assert '<b>0.5</b>' not in q.html() and '<b>0.05</b>' in q.html()  # all equal: nothing stands out
    assert 'tokens_seen' not in h and '1.194e+04' not in h and 'steps_per_second' not in h

def test_entity_colours_are_stable_across_processes():
    code = 'from plmnb.panels import entity_color; print(entity_color("PER"), entity_color("LOC"), entity_color("MISC"))'
    outs = {subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, env={**os.environ, 'PYTHONHASHSEED': s}).stdout.strip()
            for s in ('0', '1', '12345')}
    assert outs == {f'{entity_color("PER")} {entity_color("LOC")} {entity_color("MISC")}'}
    assert len({entity_color(k) for k in ('PER', 'LOC', 'ORG')}) == 3  # the sample's types get distinct colours

# -- in a real browser, Light and Dark --------------------------------------------------------------------------------------

def themes_css(theme):
    import jupyterlab
    f = Path(jupyterlab.__file__).parent/'themes'/'@jupyterlab'/f'theme-{theme}-extension'/'index.css'
    if not f.exists(): pytest.skip(f'JupyterLab theme CSS not found at {f}')
    return f.read_text()

CHECK_JS = r"""() => {
  const rgb = s => { const v = (s.match(/[\d.]+/g) || []).map(Number);  // rgb(a) in 0-255, or color(srgb r g b / a) in 0-1
                     return s.startsWith('color(') ? [...v.slice(0, 3).map(x => x * 255), ...v.slice(3)] : v; };
  const lum = ([r, g, b]) => { const f = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
                               return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const bg = rgb(getComputedStyle(document.body).backgroundColor);
  const over = c => c.length < 4 ? c : [0, 1, 2].map(i => c[i] * c[3] + bg[i] * (1 - c[3]));
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const bad = [], clipped = [], covering = [];
  for (const el of document.querySelectorAll('svg text, td, th, b, span, div, sub')) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || el.closest('[title^="predicted"]')) continue;  // a marked wrong word has its own background
    const cs = getComputedStyle(el), c = over(rgb(el.tagName === 'text' ? cs.fill : cs.color));
    const r = ratio(c, bg);
    if (r < 4.5) bad.push(`${el.textContent.trim().slice(0, 30)}: ${r.toFixed(2)}`);
  }
  for (const svg of document.querySelectorAll('svg')) {
    const W = svg.width.baseVal.value, H = svg.height.baseVal.value, frame = svg.querySelector('rect');
    const f = frame.getBBox();
    for (const t of svg.querySelectorAll('text')) {
      const b = t.getBBox();
      if (b.x < -0.5 || b.y < -0.5 || b.x + b.width > W + 0.5 || b.y + b.height > H + 0.5) clipped.push(t.textContent);
      if (b.x < f.x + f.width - 1 && b.x + b.width > f.x + 1 && b.y < f.y + f.height - 1 && b.y + b.height > f.y + 1) covering.push(t.textContent);
    }
  }
  return {bad, clipped, covering, svgs: document.querySelectorAll('svg').length, imgs: document.querySelectorAll('img').length};
}"""

@pytest.mark.parametrize('theme', ['light', 'dark'])
def test_view_in_the_browser(theme):
    sync_playwright = pytest.importorskip('playwright.sync_api').sync_playwright
    if not Path('/usr/bin/chromium').exists(): pytest.skip('no /usr/bin/chromium')
    css = themes_css(theme)
    views = {'live': make_run(finish=False, accumulation=2)._html(True), 'snapshot': make_run().snapshot_html()}
    ART.mkdir(exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path='/usr/bin/chromium', args=['--no-sandbox'])
        try:
            pg = b.new_page(viewport={'width': 980, 'height': 900})
            errors = []; pg.on('console', lambda m: errors.append(m.text) if m.type == 'error' else None)
            pg.on('request', lambda r: errors.append(f'network: {r.url}') if not r.url.startswith(('data:', 'about:')) else None)
            for name, body in views.items():
                pg.set_content(f'<!doctype html><html><head><meta charset="utf-8"><style>{css}</style></head>'
                               f'<body style="background:var(--jp-layout-color0);margin:16px;width:920px">{body}</body></html>')
                pg.wait_for_timeout(100)
                pg.screenshot(path=str(ART/f'progress_{name}_{theme}.png'), full_page=True)
                res = pg.evaluate(CHECK_JS)
                assert not res['bad'], f'{name}/{theme}: text under 4.5:1 contrast: {res["bad"]}'
                assert not res['clipped'] and not res['covering'], (name, theme, res)
                assert (res['svgs'], res['imgs']) == ((5, 0) if name == 'live' else (0, 1)), res
            assert not errors, errors
        finally: b.close()
