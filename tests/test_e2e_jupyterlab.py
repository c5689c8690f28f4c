"""End to end in a real JupyterLab, as a person would use plmnb: pick and load the default model in the picker,
watch the live progress while it fine-tunes, press Stop, see the trained model and its history in the next cell,
hover the attention view. Then every view (picker, progress, attention, Playground) in the Light and the Dark theme,
with no console error, text contrast >= 4.5:1 where the picker marks a row, and the same notebook saved and reopened
(without a kernel, and with a new one): each widget shows its static snapshot, never "model not found".
Debian chromium, headless, driven by Playwright; run alone with `pytest -m e2e`. Screenshots go to artifacts/e2e/
(gitignored): LOOK at them."""
import json, os, re, secrets, signal, socket, subprocess, sys, time, urllib.request
from pathlib import Path
import pytest

CHROMIUM = '/usr/bin/chromium'
ROOT = Path(__file__).resolve().parent.parent
ART = ROOT/'artifacts'/'e2e'
pytestmark = pytest.mark.e2e

CELLS = [  # the tour, cut down to what a person checks by eye
    "from plmnb.picker import ModelPicker\nfrom plmnb.data import sample\nfrom plmnb.train import finetune\n"
    "from plmnb.attention import attend\nimport plmnb.views  # the views: attend(...).head_view()",
    "picker = ModelPicker(task='text-classification')\npicker.select('all-MiniLM-L6-v2')\n"
    "picker.set_options(labels=['negative', 'positive'])\npicker",
    "loaded = picker.value\nprint('loaded:', loaded.info.id, loaded.task, loaded.labels)",
    "run = finetune(loaded, sample('sentiment'), epochs=3, eval_every=10)",
    "print('stop_reason:', run.stop_reason, '| history rows:', len(run.history), '| steps:', int(run.history['step'].max()),\n"
    "      '| same model:', run.loaded is loaded)",
    "attend(loaded, 'The plot was thin, but the actors were wonderful.').head_view(layer=5, heads=[0, 1, 2, 3])",
]

def notebook(path:Path, cells=CELLS, kernel:str='python3'):
    nb = {'cells': [{'cell_type': 'code', 'execution_count': None, 'id': f'c{i}', 'metadata': {}, 'outputs': [],
                     'source': src} for i, src in enumerate(cells)],
          'metadata': {'kernelspec': {'display_name': 'Python 3 (ipykernel)', 'language': 'python', 'name': kernel}},
          'nbformat': 4, 'nbformat_minor': 5}
    path.write_text(json.dumps(nb, indent=1))

def free_port()->int:
    with socket.socket() as s: s.bind(('127.0.0.1', 0)); return s.getsockname()[1]

def pids_of_kernel(kernel_id:str)->list[int]:
    "Processes whose command line names this kernel's connection file."
    out = []
    for p in Path('/proc').iterdir():
        if not p.name.isdigit(): continue
        try: cmd = (p/'cmdline').read_bytes().decode(errors='replace')
        except OSError: continue
        if f'kernel-{kernel_id}' in cmd: out.append(int(p.name))
    return out

class Lab:
    "A `jupyter lab` server on 127.0.0.1 with a token and a temporary root and settings; stop() leaves nothing running."
    def __init__(self, root:Path, theme:str|None=None, # 'JupyterLab Dark' for the dark theme
                 name:str='jupyter', # names its settings folder and log
                 app:str='jupyterlab'): # or 'notebook' (Notebook 7)
        self.root, self.port, self.token = root, free_port(), secrets.token_hex(16)
        home = root.parent/name
        env = {**os.environ, 'JUPYTER_CONFIG_DIR': str(home/'config'), 'JUPYTER_RUNTIME_DIR': str(home/'runtime'),
               'JUPYTERLAB_SETTINGS_DIR': str(home/'settings'), 'JUPYTERLAB_WORKSPACES_DIR': str(home/'workspaces'),
               'HF_HUB_OFFLINE': '1', 'HF_DATASETS_OFFLINE': '1', 'TRANSFORMERS_OFFLINE': '1', 'TOKENIZERS_PARALLELISM': 'false'}
        env.pop('MPLBACKEND', None)  # the kernel's inline backend
        # no "get notified about Jupyter news?" toast over the page
        news = home/'settings'/'@jupyterlab'/'apputils-extension'/'notification.jupyterlab-settings'
        news.parent.mkdir(parents=True, exist_ok=True)
        news.write_text(json.dumps({'fetchNews': 'false', 'checkForUpdates': False}))
        if theme: (news.parent/'themes.jupyterlab-settings').write_text(json.dumps({'theme': theme}))
        self.log = open(root.parent/f'{name}.log', 'w')
        self.proc = subprocess.Popen(
            [sys.executable, '-m', app, '--allow-root', '--ip', '127.0.0.1', '--no-browser', f'--port={self.port}',
             f'--ServerApp.token={self.token}', f'--ServerApp.root_dir={root}', '--ServerApp.disable_check_xsrf=True',
             *(['--LabApp.news_url=None', '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate'] if app == 'jupyterlab' else [])],
            env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        self.url = f'http://127.0.0.1:{self.port}'
        deadline = time.time() + 90
        while time.time() < deadline:
            if self.proc.poll() is not None: raise RuntimeError(f'jupyter lab exited: see {self.log.name}')
            try:
                self.api('status'); return
            except OSError: time.sleep(0.5)
        raise TimeoutError('jupyter lab did not start in 90 s')

    def api(self, path:str, method:str='GET'):
        req = urllib.request.Request(f'{self.url}/api/{path}', method=method, headers={'Authorization': f'token {self.token}'})
        with urllib.request.urlopen(req, timeout=10) as r: return json.loads(r.read() or 'null')

    def stop(self):
        kernels = []
        try: kernels = [k['id'] for k in self.api('kernels')]
        except Exception: pass
        try: self.api('shutdown', 'POST')  # shuts the kernels down, then the server
        except Exception: pass
        try: self.proc.wait(20)
        except subprocess.TimeoutExpired: pass
        # the server and what it started in its process group; kernels run in sessions of their own
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try: os.killpg(self.proc.pid, sig)
            except ProcessLookupError: break
            try: self.proc.wait(5); break
            except subprocess.TimeoutExpired: pass
        for k in kernels:
            for pid in pids_of_kernel(k):
                try: os.kill(pid, signal.SIGKILL)
                except ProcessLookupError: pass
        self.log.close()

def cell(page, i): return page.locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell').nth(i)

def run_cell(page, i):
    "Select cell `i` and run it (Shift+Enter in command mode), as a person would; press again if the run was not taken."
    c = cell(page, i)
    prompt = c.locator('.jp-InputArea-prompt')
    for _ in range(3):
        c.scroll_into_view_if_needed()
        c.locator('.jp-InputPrompt').click()
        page.keyboard.press('Escape')
        page.keyboard.press('Shift+Enter')
        deadline = time.time() + 15
        while time.time() < deadline:
            if prompt.inner_text().strip() != '[ ]:': return
            page.wait_for_timeout(200)
    raise TimeoutError(f'cell {i} would not start')

def wait_kernel(lab, timeout=90):
    "Wait until the notebook's kernel is up and idle."
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if any(k.get('execution_state') == 'idle' for k in lab.api('kernels')): return
        except OSError: pass
        time.sleep(0.5)
    raise TimeoutError(f'no idle kernel after {timeout} s')

def wait_done(page, i, timeout=120):
    "Wait until cell `i` shows an execution count, i.e. it ran to its end."
    prompt = cell(page, i).locator('.jp-InputArea-prompt')
    deadline = time.time() + timeout
    while time.time() < deadline:
        if re.fullmatch(r'\[\d+\]:', prompt.inner_text().strip()): return
        page.wait_for_timeout(250)
    raise TimeoutError(f'cell {i} did not finish in {timeout} s (prompt {prompt.inner_text()!r})')

def output_text(page, i)->str: return cell(page, i).locator('.jp-OutputArea').inner_text()

def steps_shown(page, i):
    m = re.search(r'step (\d+)/(\d+)', output_text(page, i))
    return (int(m[1]), int(m[2])) if m else None

def canvas_ink(page, loc)->list:
    return loc.evaluate("""(c) => Array.from(c.getContext('2d').getImageData(0, 0, c.width, c.height).data)
        .filter((v, i) => i % 4 === 3 && v).length""")

def scenario(browser, lab, shots):
    page = browser.new_page(viewport={'width': 1400, 'height': 1000})
    errors = []
    page.on('pageerror', lambda e: errors.append(str(e)))
    try:
        page.goto(f'{lab.url}/lab/tree/tour.ipynb?token={lab.token}', wait_until='domcontentloaded', timeout=90_000)
        page.wait_for_selector('.jp-NotebookPanel .jp-Cell', timeout=90_000)
        page.wait_for_selector('.jp-Notebook-ExecutionIndicator[data-status="idle"]', timeout=90_000)
        wait_kernel(lab)
        page.wait_for_timeout(1000)
        run_cell(page, 0); wait_done(page, 0, 120)

        # the picker renders as a widget, with the default model selected; pressing Load loads it
        run_cell(page, 1); wait_done(page, 1, 60)
        out = cell(page, 1).locator('.jp-OutputArea')
        out.locator('button:has-text("▶ all-MiniLM-L6-v2")').first.wait_for(timeout=30_000)  # the selected row
        load = out.locator('button:has-text("Load")').first
        load.wait_for(timeout=30_000)
        page.screenshot(path=str(shots/'picker.png'))
        load.click()
        out.locator('.plmnb-live').locator('text=/Loaded all-MiniLM-L6-v2/').first.wait_for(timeout=120_000)  # not the hidden snapshot
        page.wait_for_selector('.jp-Notebook-ExecutionIndicator[data-status="idle"]', timeout=60_000)
        run_cell(page, 2); wait_done(page, 2, 60)
        assert 'loaded: all-MiniLM-L6-v2 text-classification' in output_text(page, 2), output_text(page, 2)

        # the progress view updates live while training; Stop ends it
        run_cell(page, 3)
        out = cell(page, 3).locator('.jp-OutputArea')
        out.locator('button:has-text("Stop")').first.wait_for(timeout=120_000)
        deadline, first = time.time() + 120, None
        while time.time() < deadline and not (first and first[0] >= 1):
            first = steps_shown(page, 3); page.wait_for_timeout(250)
        assert first and first[0] >= 1, f'no training step shown: {output_text(page, 3)[:500]}'
        text1 = output_text(page, 3)
        deadline, second = time.time() + 90, first
        while time.time() < deadline and second == first:
            page.wait_for_timeout(500); second = steps_shown(page, 3)
        assert second and second[0] > first[0], f'the progress view did not move: {first} then {second}'
        assert output_text(page, 3) != text1
        page.screenshot(path=str(shots/'progress_live.png'))
        out.locator('button:has-text("Stop")').first.click()
        wait_done(page, 3, 120)
        assert second[0] < second[1], 'training ended before Stop could be pressed'
        page.screenshot(path=str(shots/'progress_stopped.png'))

        # the next cell sees the trained model and its history
        run_cell(page, 4); wait_done(page, 4, 60)
        printed = output_text(page, 4)
        m = re.search(r'stop_reason: (\S+) \| history rows: (\d+) \| steps: (\d+) \| same model: (\w+)', printed)
        assert m, printed
        assert m[1] == 'button' and int(m[2]) > 0 and second[0] <= int(m[3]) < second[1] and m[4] == 'True', printed

        # the attention view draws, and hovering a token redraws only its lines
        run_cell(page, 5); wait_done(page, 5, 120)
        view = cell(page, 5).locator('.plmnb-attn')
        cv = view.locator('.pa-mid canvas').first
        cv.wait_for(timeout=30_000)
        page.wait_for_timeout(300)
        before = canvas_ink(page, cv)
        assert before, 'the attention canvas is empty'
        view.locator('.pa-left .pa-tok').nth(4).hover()
        page.wait_for_timeout(300)
        after = canvas_ink(page, cv)
        assert 0 < after < before, f'hovering a token did not redraw its lines only ({before} -> {after} pixels)'
        cell(page, 5).scroll_into_view_if_needed()
        page.screenshot(path=str(shots/'attention_hover.png'))
        assert not errors, errors
    except Exception:
        page.screenshot(path=str(shots/'failure.png'))
        raise
    finally: page.close()

def test_tour_in_jupyterlab(tmp_path):
    if not Path(CHROMIUM).exists(): pytest.skip(f'{CHROMIUM} is missing (apt-get install chromium)')
    sync_api = pytest.importorskip('playwright.sync_api', reason='playwright is not installed (pip install playwright)')
    ART.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM,
                                    args=['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'])
        try:
            for attempt in (1, 2):  # a slow machine can miss a timeout once: one retry, on a fresh server
                root = tmp_path/f'try{attempt}'/'root'; root.mkdir(parents=True)
                notebook(root/'tour.ipynb')
                lab = Lab(root)
                try:
                    scenario(browser, lab, ART); break
                except Exception:
                    if attempt == 2: raise
                finally: lab.stop()
        finally: browser.close()


# --- every view, light and dark; the saved notebook reopened -----------------------------------------------------------

VIEW_CELLS = [
    "import plmnb.views\nfrom plmnb.picker import ModelPicker\nfrom plmnb.data import sample\nfrom plmnb.train import finetune\n"
    "from plmnb.attention import attend\nfrom plmnb.predict import Playground",
    "picker = ModelPicker(task='text-classification', device='cpu')\npicker.select('tiny-bert')\npicker",
    "run = finetune('tiny-bert', sample('sentiment'), epochs=1, eval_every=10, seed=0)",
    "attend(run.loaded, 'The plot was thin, but the actors were wonderful.').head_view(layer=1)",
    "Playground(run.loaded)",
]
VIEWS = {'picker': 1, 'progress': 2, 'attention': 3, 'playground': 4}
WIDGETS = ('picker', 'progress', 'playground')  # the views that are ipywidgets (the attention view is HTML + script)

CONTRAST = """(el) => {
  const rgba = s => { const v = (s.match(/[\\d.]+/g) || []).map(Number); return v.length === 3 ? [...v, 1] : v; };
  const over = (a, b) => [0, 1, 2].map(i => a[i] * a[3] + b[i] * (1 - a[3]));
  let bg = [255, 255, 255], layers = [];
  for (let n = el; n; n = n.parentElement) {
    const c = rgba(getComputedStyle(n).backgroundColor); if (c.length === 4 && c[3] > 0) layers.push(c);
    if (c[3] === 1) break; }
  const base = getComputedStyle(document.body).backgroundColor;
  bg = rgba(base).slice(0, 3);
  for (const c of layers.reverse()) bg = over(c, bg);
  const fg = over(rgba(getComputedStyle(el).color), bg);
  const lum = c => { const f = x => (x /= 255) <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
                     return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05); }"""

def open_notebook(browser, lab, name, console):
    "A new page on `name`, every console error and page error collected in `console`."
    page = browser.new_page(viewport={'width': 1400, 'height': 1800})
    page.on('console', lambda m: console.append(m.text) if m.type == 'error' else None)
    page.on('pageerror', lambda e: console.append(f'pageerror: {e}'))
    page.goto(f'{lab.url}/lab/tree/{name}?reset&token={lab.token}', wait_until='domcontentloaded', timeout=90_000)
    page.wait_for_selector('.jp-NotebookPanel .jp-Cell', timeout=90_000)
    return page

def theme_of(page)->str: return page.evaluate("() => document.body.dataset.jpThemeName")

def contrasts(page, i, selector)->list:
    return [round(x, 2) for x in cell(page, i).locator(selector).evaluate_all(f"els => els.map({CONTRAST})")]

def visible_rows(page, i, col=0)->list:
    "Column `col` of each row the picker's grid shows (0: the model ids, 2: the parameters)."
    return cell(page, i).locator('.plmnb-grid').evaluate(
        f"g => Array.from(g.children).slice(8).filter((b, k) => k % 8 === {col} && b.offsetParent !== null).map(b => b.innerText.trim())")

def count(text:str)->float:
    "'22.7M' -> 22.7e6 (the picker's parameter counts); '?' (unknown, listed last) -> -1."
    if text == '?': return -1
    m = re.fullmatch(r'([\d.]+)\s*([kMBT]?)', text)
    return float(m[1]) * {'': 1, 'k': 1e3, 'M': 1e6, 'B': 1e9, 'T': 1e12}[m[2]]

def use_picker(page, i):
    "As a person would: type to search (no Enter), clear it, sort by a header, click a row."
    out = cell(page, i).locator('.jp-OutputArea')
    box = out.locator('input[placeholder^="type to filter"]')
    box.click(); box.type('tiny-r', delay=60)
    deadline = time.time() + 20
    while time.time() < deadline and visible_rows(page, i) != ['tiny-roberta']: page.wait_for_timeout(200)
    assert visible_rows(page, i) == ['tiny-roberta'], visible_rows(page, i)
    box.fill('')
    deadline = time.time() + 20
    while time.time() < deadline and len(visible_rows(page, i)) < 3: page.wait_for_timeout(200)
    before = visible_rows(page, i)
    out.locator('.plmnb-head:has-text("parameters")').click()
    deadline = time.time() + 20
    sorted_down = lambda ps: ps == sorted(ps, reverse=True) and out.locator('.plmnb-head:has-text("parameters ▼")').count()
    while time.time() < deadline:  # the rows are redrawn one by one: wait for the whole table
        params = [count(t) for t in visible_rows(page, i, 2)]
        if visible_rows(page, i) != before and sorted_down(params): break
        page.wait_for_timeout(200)
    assert sorted_down(params), params
    out.locator('.plmnb-cell:has-text("tiny-albert")').first.click()
    out.locator('.plmnb-cell.plmnb-sel:has-text("▶ tiny-albert")').first.wait_for(timeout=20_000)
    out.locator('.jp-OutputArea-output:has-text("tiny-albert · albert")').first.wait_for(timeout=20_000)  # its details
    # no label, button or cell cuts its text ("text-classification (new head, ra")
    cut = out.locator('.plmnb-live').locator('.widget-label, .plmnb-cell, button, .widget-html-content').evaluate_all(
        "els => els.filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)")
    assert not cut, f'text cut in the picker: {cut}'

def run_views(page, lab, shots, theme, timings):
    "Run every cell, wait for each view, screenshot it; return the picker's contrasts."
    page.wait_for_selector('.jp-Notebook-ExecutionIndicator[data-status="idle"]', timeout=90_000)
    wait_kernel(lab); page.wait_for_timeout(1000)
    run_cell(page, 0); wait_done(page, 0, 180)
    ready = {'picker': '.plmnb-live .plmnb-sel', 'progress': '.widget-box', 'attention': '.plmnb-attn canvas',
             'playground': '.widget-box'}
    for view, i in VIEWS.items():
        t0 = time.time()
        run_cell(page, i)
        cell(page, i).locator(ready[view]).first.wait_for(timeout=180_000)
        timings[f'{theme} {view}: first paint s'] = round(time.time() - t0, 2)
        wait_done(page, i, 300)
        page.wait_for_timeout(500)
        cell(page, i).scroll_into_view_if_needed()
        cell(page, i).screenshot(path=str(shots/f'{theme}_{view}.png'))
    if theme == 'light': use_picker(page, VIEWS['picker'])
    return {k: contrasts(page, VIEWS['picker'], sel) for k, sel in
            (('selected row', '.plmnb-cell.plmnb-sel'), ('header', '.plmnb-head'), ('rows', '.plmnb-cell:not(.plmnb-head)'))}

def choose_no_kernel(page, timeout=120):
    "Answer JupyterLab's 'Select Kernel' dialog with No Kernel."
    deadline = time.time() + timeout
    while time.time() < deadline:
        button = page.locator('.jp-Dialog button:has-text("No Kernel")')
        if button.count(): button.first.click(); page.wait_for_timeout(500); return
        page.wait_for_timeout(500)
    page.screenshot(path=str(ART/'failure_no_kernel.png'))
    raise TimeoutError(f'no "Select Kernel" dialog in {timeout} s')

def check_reopened(page, shots, name, console, kernel:bool)->list:
    "What is wrong in a reopened notebook: each widget's output must show its snapshot and nothing of the failed widget."
    page.wait_for_timeout(6000)  # the widget manager gives up on a missing model after ~2 s
    problems = []
    for view in WIDGETS:
        out = cell(page, VIEWS[view]).locator('.jp-OutputArea')
        snap = out.locator('.plmnb-static')
        if not (snap.count() and snap.first.is_visible()): problems.append(f'{name}: the {view} shows no static snapshot')
        text = out.inner_text()
        if 'Error displaying widget' in text or 'Loading widget' in text: problems.append(f'{name}: {view} shows: {text[:200]!r}')
    if not cell(page, VIEWS['attention']).locator('.plmnb-attn').first.is_visible(): problems.append(f'{name}: no attention view')
    page.screenshot(path=str(shots/f'{name}.png'), full_page=True)
    widget_manager = [c for c in console if 'widget model not found' in c]
    others = [c for c in console if c not in widget_manager]
    if others: problems.append(f'{name}: console errors: {others}')
    # with a kernel, @jupyter-widgets/jupyterlab-manager logs one "model not found" per widget output (its own renderer);
    # without one, none at all
    if len(widget_manager) > (len(WIDGETS) if kernel else 0): problems.append(f'{name}: {len(widget_manager)} x model not found')
    return problems

def test_views_light_dark_and_reopened(tmp_path):
    if not Path(CHROMIUM).exists(): pytest.skip(f'{CHROMIUM} is missing (apt-get install chromium)')
    sync_api = pytest.importorskip('playwright.sync_api', reason='playwright is not installed (pip install playwright)')
    ART.mkdir(parents=True, exist_ok=True)
    root = tmp_path/'root'; root.mkdir()
    notebook(root/'views.ipynb', VIEW_CELLS)
    timings, report, problems = {}, {}, []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM,
                                    args=['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'])
        try:
            lab = Lab(root, name='light')
            try:  # 1. Light: run every view, save
                console = []
                page = open_notebook(browser, lab, 'views.ipynb', console)
                assert theme_of(page) == 'JupyterLab Light'
                report['light'] = run_views(page, lab, ART, 'light', timings)
                assert not console, f'console errors while the views ran (light): {console}'
                page.keyboard.press('Control+s'); page.wait_for_timeout(3000)
                page.close()
            finally: lab.stop()
            saved = json.loads((root/'views.ipynb').read_text())
            (ART/'views_saved.ipynb').write_text(json.dumps(saved))  # for review, and for other front ends (Notebook 7)
            for view in WIDGETS:
                outs = saved['cells'][VIEWS[view]]['outputs']
                if not any('plmnb-static' in ''.join(o.get('data', {}).get('text/html', '')) for o in outs):
                    problems.append(f'{view}: no static snapshot saved with the notebook (display.show_static)')
            # a kernel nobody has (and no language to match one by): JupyterLab opens it without a kernel; signed, so trusted
            md = {k: v for k, v in saved['metadata'].items() if k != 'language_info'}
            nb = dict(saved, metadata={**md, 'kernelspec': {'name': 'no-such-kernel', 'display_name': 'none', 'language': 'none'}})
            (root/'reopened.ipynb').write_text(json.dumps(nb))
            subprocess.run([sys.executable, '-m', 'jupyter', 'trust', str(root/'reopened.ipynb')], check=True, capture_output=True)
            # a fresh clone: the same notebook, unsigned (untrusted: JupyterLab sanitizes its HTML and draws no widget)
            (root/'clone.ipynb').write_text(json.dumps(dict(saved, metadata={**saved['metadata'], 'cloned': True})))

            lab = Lab(root, theme='JupyterLab Dark', name='dark')
            try:  # 2. Dark, no kernel: the snapshots, no console error
                console = []
                page = open_notebook(browser, lab, 'reopened.ipynb', console)
                choose_no_kernel(page)  # its kernel does not exist: JupyterLab asks which kernel
                assert theme_of(page) == 'JupyterLab Dark'
                problems += check_reopened(page, ART, 'dark_reopened_no_kernel', console, kernel=False)
                page.close()
                # 3. Dark, an untrusted copy (a fresh clone) with a new kernel: the sanitized snapshots
                console = []
                page = open_notebook(browser, lab, 'clone.ipynb', console)
                page.wait_for_selector('.jp-Notebook-ExecutionIndicator[data-status="idle"]', timeout=90_000)
                problems += check_reopened(page, ART, 'dark_reopened_untrusted', console, kernel=True)
                page.close()
                # 4. Dark, the saved notebook with a new kernel: the snapshots; then run it again, live, in dark
                console = []
                page = open_notebook(browser, lab, 'views.ipynb', console)
                page.wait_for_selector('.jp-Notebook-ExecutionIndicator[data-status="idle"]', timeout=90_000)
                problems += check_reopened(page, ART, 'dark_reopened_new_kernel', console, kernel=True)
                console.clear()
                report['dark'] = run_views(page, lab, ART, 'dark', timings)
                assert not console, f'console errors while the views ran (dark): {console}'
                page.close()
            finally: lab.stop()
        finally: browser.close()
    (ART/'views_metrics.json').write_text(json.dumps(dict(timings=timings, picker_contrast=report, problems=problems), indent=1))
    assert not problems, problems
    for theme, found in report.items():
        for what, values in found.items():
            assert values and min(values) >= 4.5, f'{theme} picker {what}: contrast {min(values or [0])} < 4.5:1 ({values})'


def test_notebook7_reopened(tmp_path):
    """Notebook 7 (same output classes as JupyterLab): the notebook the views test saved, reopened without a kernel and as an
    untrusted copy, shows each widget's snapshot and no widget error. Needs `pip install notebook` and the views test first."""
    if not Path(CHROMIUM).exists(): pytest.skip(f'{CHROMIUM} is missing (apt-get install chromium)')
    sync_api = pytest.importorskip('playwright.sync_api', reason='playwright is not installed (pip install playwright)')
    pytest.importorskip('notebook', reason='Notebook 7 is not installed (pip install notebook)')
    saved = ART/'views_saved.ipynb'
    if not saved.exists(): pytest.skip('run test_views_light_dark_and_reopened first: it saves artifacts/e2e/views_saved.ipynb')
    root = tmp_path/'root'; root.mkdir()
    nb = json.loads(saved.read_text())
    md = {k: v for k, v in nb['metadata'].items() if k != 'language_info'}
    (root/'nokernel.ipynb').write_text(json.dumps(dict(nb, metadata={**md, 'kernelspec': {'name': 'no-such-kernel', 'display_name': 'none', 'language': 'none'}})))
    subprocess.run([sys.executable, '-m', 'jupyter', 'trust', str(root/'nokernel.ipynb')], check=True, capture_output=True)
    (root/'clone.ipynb').write_text(json.dumps(dict(nb, metadata={**nb['metadata'], 'cloned': True})))
    lab = Lab(root, name='nb7', app='notebook')
    problems = []
    try:
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=['--headless', '--no-sandbox', '--disable-gpu'])
            try:
                for name in ('nokernel', 'clone'):
                    page = browser.new_page(viewport={'width': 1400, 'height': 1800})
                    page.goto(f'{lab.url}/notebooks/{name}.ipynb?token={lab.token}', wait_until='domcontentloaded', timeout=90_000)
                    page.wait_for_selector('.jp-Notebook .jp-Cell', timeout=90_000)
                    if name == 'nokernel': choose_no_kernel(page)
                    page.wait_for_timeout(6000)
                    cells = page.locator('.jp-Notebook .jp-Cell')
                    for view in WIDGETS:
                        out = cells.nth(VIEWS[view]).locator('.jp-OutputArea')
                        snap = out.locator('.plmnb-static')
                        if not (snap.count() and snap.first.is_visible()): problems.append(f'notebook7 {name}: {view} shows no snapshot')
                        if 'Error displaying widget' in out.inner_text(): problems.append(f'notebook7 {name}: {view} shows a widget error')
                    page.screenshot(path=str(ART/f'notebook7_{name}.png'), full_page=True)
                    page.close()
            finally: browser.close()
    finally: lab.stop()
    assert not problems, problems


def test_committed_notebooks_open_unmodified(tmp_path):
    "Opening a committed notebook in JupyterLab does not mark it modified (kernelspec and language_info as JupyterLab writes them)."
    if not Path(CHROMIUM).exists(): pytest.skip(f'{CHROMIUM} is missing (apt-get install chromium)')
    sync_api = pytest.importorskip('playwright.sync_api', reason='playwright is not installed (pip install playwright)')
    root = tmp_path/'root'; root.mkdir()
    names = sorted(p.name for p in (ROOT/'nbs').glob('*.ipynb'))
    for n in names: (root/n).write_bytes((ROOT/'nbs'/n).read_bytes())
    lab, modified = Lab(root, name='unmodified'), []
    try:
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=['--headless', '--no-sandbox', '--disable-gpu'])
            try:
                for n in names:
                    page = browser.new_page(viewport={'width': 1200, 'height': 800})
                    page.goto(f'{lab.url}/lab/tree/{n}?reset&token={lab.token}', wait_until='domcontentloaded', timeout=90_000)
                    page.wait_for_selector('.jp-Notebook-ExecutionIndicator[data-status="idle"]', timeout=90_000)
                    page.wait_for_timeout(1500)  # the kernel's info reply has arrived and been written into the model
                    if page.locator('.lm-TabBar-tab.jp-mod-dirty').count(): modified.append(n)
                    page.close()
                    for s in lab.api('sessions'): lab.api(f"sessions/{s['id']}", 'DELETE')  # one kernel at a time
            finally: browser.close()
    finally: lab.stop()
    assert not modified, f'these notebooks open as modified in JupyterLab (run tools/nbmeta.py after nbdev_clean): {modified}'
