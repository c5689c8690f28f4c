"""End to end in a real JupyterLab, as a person would use plmnb: pick and load the default model in the picker,
watch the live progress while it fine-tunes, press Stop, see the trained model and its history in the next cell,
hover the attention view. Debian chromium, headless, driven by Playwright; run alone with `pytest -m e2e`.
Screenshots go to artifacts/e2e/ (gitignored)."""
import json, os, re, secrets, signal, socket, subprocess, sys, time, urllib.request
from pathlib import Path
import pytest

CHROMIUM = '/usr/bin/chromium'
ROOT = Path(__file__).resolve().parent.parent
ART = ROOT/'artifacts'/'e2e'
pytestmark = pytest.mark.e2e

CELLS = [  # the tour, cut down to what a person checks by eye
    "from plmnb.picker import ModelPicker\nfrom plmnb.data import sample\nfrom plmnb.train import finetune\n"
    "from plmnb.attention import attend",
    "picker = ModelPicker(task='text-classification')\npicker.select('all-MiniLM-L6-v2')\n"
    "picker.set_options(labels=['negative', 'positive'])\npicker",
    "loaded = picker.value\nprint('loaded:', loaded.info.id, loaded.task, loaded.labels)",
    "run = finetune(loaded, sample('sentiment'), epochs=3, eval_every=10)",
    "print('stop_reason:', run.stop_reason, '| history rows:', len(run.history), '| steps:', int(run.history['step'].max()),\n"
    "      '| same model:', run.loaded is loaded)",
    "attend(loaded, 'The plot was thin, but the actors were wonderful.').head_view(layer=5, heads=[0, 1, 2, 3])",
]

def notebook(path:Path):
    nb = {'cells': [{'cell_type': 'code', 'execution_count': None, 'id': f'c{i}', 'metadata': {}, 'outputs': [],
                     'source': src} for i, src in enumerate(CELLS)],
          'metadata': {'kernelspec': {'display_name': 'python3', 'language': 'python', 'name': 'python3'}},
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
    def __init__(self, root:Path):
        self.root, self.port, self.token = root, free_port(), secrets.token_hex(16)
        home = root.parent/'jupyter'
        env = {**os.environ, 'JUPYTER_CONFIG_DIR': str(home/'config'), 'JUPYTER_RUNTIME_DIR': str(home/'runtime'),
               'JUPYTERLAB_SETTINGS_DIR': str(home/'settings'), 'JUPYTERLAB_WORKSPACES_DIR': str(home/'workspaces'),
               'HF_HUB_OFFLINE': '1', 'HF_DATASETS_OFFLINE': '1', 'TRANSFORMERS_OFFLINE': '1', 'TOKENIZERS_PARALLELISM': 'false'}
        env.pop('MPLBACKEND', None)  # the kernel's inline backend
        # no "get notified about Jupyter news?" toast over the page
        news = home/'settings'/'@jupyterlab'/'apputils-extension'/'notification.jupyterlab-settings'
        news.parent.mkdir(parents=True, exist_ok=True)
        news.write_text(json.dumps({'fetchNews': 'false', 'checkForUpdates': False}))
        self.log = open(root.parent/'jupyterlab.log', 'w')
        self.proc = subprocess.Popen(
            [sys.executable, '-m', 'jupyterlab', '--allow-root', '--ip', '127.0.0.1', '--no-browser', f'--port={self.port}',
             f'--ServerApp.token={self.token}', f'--ServerApp.root_dir={root}', '--ServerApp.disable_check_xsrf=True',
             '--LabApp.news_url=None', '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate'],
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
        out.locator('.widget-html-content:has-text("all-MiniLM-L6-v2")').first.wait_for(timeout=30_000)
        load = out.locator('button:has-text("Load")').first
        load.wait_for(timeout=30_000)
        page.screenshot(path=str(shots/'picker.png'))
        load.click()
        out.locator('text=/Loaded all-MiniLM-L6-v2/').first.wait_for(timeout=120_000)
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
