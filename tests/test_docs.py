"""The docs, checked without Quarto (see DESIGN.md, "Docs without Quarto").

`nbdev_proc_nbs` succeeds; `_quarto.yml` and `sidebar.yml` agree with the notebooks; and each tour/tutorial notebook,
executed and exported to HTML by nbconvert, opens in headless Chromium with no network request and no console error,
showing the static views (progress, picker, playground) and drawing the attention views. Executing a notebook with
nbconvert runs every cell, `#| slow` ones included: this is where CI runs the tour for real.
Screenshots go to artifacts/docs/ (gitignored).
"""
import os, subprocess, sys
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parent.parent
NBS = ROOT/'nbs'
ART = ROOT/'artifacts'/'docs'
CHROMIUM = '/usr/bin/chromium'

# notebook -> the static views its HTML must show (attention views must also draw their canvas)
TOUR = {
    'index.ipynb': ['.plmnb-picker', '.plmnb-progress', '.plmnb-attn', '.plmnb-playground'],
    'tutorials/10_classify_csv.ipynb': ['.plmnb-progress'],
    'tutorials/11_ner.ipynb': ['.plmnb-progress', '.plmnb-playground'],
    'tutorials/12_pretrain_gpt2.ipynb': ['.plmnb-progress'],
    'tutorials/13_attention_before_after.ipynb': ['.plmnb-progress', '.plmnb-attn'],
    'tutorials/14_sentence_pairs.ipynb': ['.plmnb-progress', '.plmnb-playground'],
    'tutorials/15_english_to_chinese.ipynb': ['.plmnb-progress', '.plmnb-attn'],
    'tutorials/16_bart_summarize.ipynb': ['.plmnb-progress', '.plmnb-playground'],
}

# nbconvert's HTML pulls require.js and MathJax from CDNs, and the widget manager from unpkg when widget state is
# saved. The docs must work offline, so: no widget state (the outputs' static HTML is shown instead) and the two
# scripts replaced by empty data: URLs.
NBCONVERT_OFFLINE = ['--ExecutePreprocessor.store_widget_state=False',
                     '--HTMLExporter.require_js_url=data:text/javascript,', '--HTMLExporter.mathjax_url=data:text/javascript,']

def notebooks()->list[str]:
    return sorted(str(p.relative_to(NBS)) for p in NBS.rglob('*.ipynb') if '.ipynb_checkpoints' not in p.parts)

def test_tour_lists_every_tutorial():
    tutorials = {n for n in notebooks() if n.startswith('tutorials/')}
    assert set(TOUR) == tutorials | {'index.ipynb'}, 'add new tutorial notebooks to TOUR in tests/test_docs.py'

def test_tutorials_export_nothing():
    for n in TOUR:
        assert '#| default_exp' not in (NBS/n).read_text(encoding='utf-8'), f'{n}: tutorials are not modules'

def _sidebar_entries(items)->list[str]:
    out = []
    for it in items:
        if isinstance(it, str): out.append(it)
        elif isinstance(it, dict):
            if 'href' in it: out.append(it['href'])
            out += _sidebar_entries(it.get('contents', []))
    return out

def test_quarto_and_sidebar():
    yaml = pytest.importorskip('yaml')
    q = yaml.safe_load((NBS/'_quarto.yml').read_text())
    assert q['project']['type'] == 'website'
    for f in q.get('metadata-files', []): assert (NBS/f).exists(), f'_quarto.yml names {f}, which is missing'
    assert 'sidebar.yml' in q.get('metadata-files', [])
    side = yaml.safe_load((NBS/'sidebar.yml').read_text())
    entries = _sidebar_entries(side['website']['sidebar']['contents'])
    assert len(entries) == len(set(entries)), 'a notebook is listed twice in sidebar.yml'
    assert set(entries) == set(notebooks()), f'sidebar.yml and nbs/ differ: {set(entries) ^ set(notebooks())}'

def test_nbdev_proc_nbs():
    r = subprocess.run(['nbdev_proc_nbs'], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    for n in TOUR: assert (ROOT/'_proc'/n).exists(), f'nbdev_proc_nbs wrote no _proc/{n}'

def nbconvert(args:list, cwd:Path, what:str):
    env = {**os.environ, 'HF_HUB_OFFLINE': '1', 'HF_DATASETS_OFFLINE': '1', 'TRANSFORMERS_OFFLINE': '1',
           'TOKENIZERS_PARALLELISM': 'false', 'MPLBACKEND': 'module://matplotlib_inline.backend_inline'}
    r = subprocess.run([sys.executable, '-m', 'nbconvert', *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=1500)
    assert r.returncode == 0, f'{what}:\n' + r.stderr[-6000:]

def render_to_html(nb:str, out_dir:Path, execute:bool=True)->Path:
    """Export `nb` to HTML in `out_dir`, as committed (`execute=False`) or executed with the python3 kernel; the executed
    notebook is kept beside it (`tools/keep_outputs.py` copies its outputs into nbs/ for the docs)."""
    name = nb.replace('/', '_').removesuffix('.ipynb') + ('' if execute else '-committed')
    src = NBS/nb
    if execute:
        nbconvert(['--execute', '--to', 'notebook', '--ExecutePreprocessor.kernel_name=python3', '--ExecutePreprocessor.timeout=900',
                   '--ExecutePreprocessor.store_widget_state=False', '--output-dir', str(out_dir), '--output', name, str(src)],
                  src.parent, f'{nb} failed to execute')
        src = out_dir/f'{name}.ipynb'
    nbconvert(['--to', 'html', *NBCONVERT_OFFLINE[1:], '--output-dir', str(out_dir), '--output', name, str(src)],
              src.parent, f'{nb} failed to render')
    return out_dir/f'{name}.html'

@pytest.fixture(scope='module')
def browser():
    if not Path(CHROMIUM).exists(): pytest.skip(f'{CHROMIUM} is missing (apt-get install chromium)')
    sync_api = pytest.importorskip('playwright.sync_api', reason='playwright is not installed (pip install playwright)')
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM,
                              args=['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'])
        yield b
        b.close()

def open_logged(browser, path:Path, js:bool=True):
    "Open `path`; return (page, log) where log records requests, console errors and page errors."
    ctx = browser.new_context(viewport={'width': 1200, 'height': 900}, java_script_enabled=js)
    page = ctx.new_page()
    log = {'requests': [], 'errors': []}
    page.on('request', lambda r: log['requests'].append(r.url))
    page.on('console', lambda m: m.type == 'error' and log['errors'].append(m.text))
    page.on('pageerror', lambda e: log['errors'].append(str(e)))
    page.goto(path.resolve().as_uri(), wait_until='load')
    return page, log

def canvas_ink(page, root)->int:
    "How many non-transparent pixels the canvases under `root` hold."
    return page.evaluate("""(root) => Array.from(root.querySelectorAll('canvas')).reduce((n, c) => {
        if (!c.width || !c.height) return n;
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        for (let i = 3; i < d.length; i += 4) if (d[i]) n++;
        return n}, 0)""", root)

@pytest.mark.docs
@pytest.mark.parametrize('nb', list(TOUR))
def test_notebook_html_opens_offline(nb, browser):
    ART.mkdir(parents=True, exist_ok=True)
    html = render_to_html(nb, ART)
    check_views(nb, html, browser)

MAX_NB_BYTES = 400_000 # a committed tour or tutorial notebook, outputs included

def test_committed_notebooks_keep_small_outputs():
    "The published docs show what is committed: each tour notebook keeps its outputs, and stays small."
    import json
    for nb in TOUR:
        p = NBS/nb
        assert p.stat().st_size <= MAX_NB_BYTES, f'{nb} is {p.stat().st_size:,} bytes (> {MAX_NB_BYTES:,}): keep outputs small'
        cells = json.loads(p.read_text(encoding='utf-8'))['cells']
        code = [c for c in cells if c['cell_type'] == 'code']
        assert sum(bool(c.get('outputs')) for c in code) >= len(code) // 2, f'{nb}: most code cells have no committed output'
        for c in code:
            for o in c.get('outputs', []):
                assert o.get('output_type') != 'error', f'{nb}: a committed output is an error'
                assert o.get('name') != 'stderr', f'{nb}: a committed output is a stderr box: {"".join(o.get("text", ""))[:200]}'

@pytest.mark.browser
@pytest.mark.parametrize('nb', list(TOUR))
def test_committed_notebook_shows_its_views(nb, browser):
    "Rendered as committed, without running anything (what GitHub and the Quarto site show), each view is visible."
    ART.mkdir(parents=True, exist_ok=True)
    check_views(nb, render_to_html(nb, ART, execute=False), browser)

def check_views(nb:str, html:Path, browser):
    "Open `html` in Chromium: each of `nb`'s views visible and drawn, no error, no network request."
    text = html.read_text(encoding='utf-8')
    assert 'Traceback' not in text and 'Error</span>' not in text, f'{nb}: an output shows an error'
    assert 'data-mime-type="application/vnd.jupyter.stderr"' not in text, f'{nb}: an output is a red stderr box (a warning leaked)'
    shot = ART/f'{html.stem}.png'
    page, log = open_logged(browser, html)
    try:
        for sel in TOUR[nb]:
            page.wait_for_selector(sel, state='attached', timeout=15_000)
            assert page.locator(sel).first.is_visible(), f'{nb}: {sel} is not visible'
        if '.plmnb-progress' in TOUR[nb]:  # the snapshot that replaced the live view: stats and the curves image
            assert page.locator('.plmnb-progress img').count() >= 1, f'{nb}: the progress snapshot has no curves image'
        if '.plmnb-attn' in TOUR[nb]:
            page.wait_for_selector('.plmnb-attn .pa-app canvas', timeout=15_000)
            page.wait_for_timeout(300)
            for i, root in enumerate(page.query_selector_all('.plmnb-attn')):
                assert root.query_selector('img.pa-fallback') is not None, f'{nb}: attention view {i} has no static image'
                assert canvas_ink(page, root) > 0, f'{nb}: attention view {i} drew an empty canvas'
        broken = page.evaluate("() => Array.from(document.images).filter(i => i.complete && !i.naturalWidth).length")
        assert broken == 0, f'{nb}: {broken} image(s) did not load'
        page.screenshot(path=str(shot), full_page=True)
        assert not log['errors'], f'{nb}: console errors {log["errors"]}'
        assert all(u.startswith(('file:', 'data:', 'blob:')) for u in log['requests']), \
            f'{nb}: network requests {[u for u in log["requests"] if not u.startswith(("file:", "data:", "blob:"))]}'
    finally: page.context.close()
    # without JavaScript (a saved notebook on GitHub, a strict viewer): the attention views' static images show
    if '.plmnb-attn' in TOUR[nb]:
        page, log = open_logged(browser, html, js=False)
        try:
            assert page.locator('.plmnb-attn img.pa-fallback').first.is_visible(), f'{nb}: no static attention image without JS'
            assert page.locator('.plmnb-attn canvas').count() == 0
            page.screenshot(path=str(ART/f'{html.stem}-nojs.png'), full_page=True)
        finally: page.context.close()
