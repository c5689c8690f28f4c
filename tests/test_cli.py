"The `plmnb` console command, run as a user runs it: a subprocess."
import json, subprocess, sys
import pytest

def plmnb(*args, **kw):
    code = 'import sys; from plmnb.cli import main; sys.exit(main(sys.argv[1:]))'
    return subprocess.run([sys.executable, '-c', code, *args], capture_output=True, text=True, timeout=300, **kw)

def test_help_is_fast_and_imports_nothing_heavy():
    code = ("import sys, time; t = time.perf_counter(); from plmnb.cli import main\n"
            "try: main(['--help'])\nexcept SystemExit: pass\n"
            "heavy = [m for m in ('torch', 'transformers', 'datasets', 'matplotlib') if m in sys.modules]\n"
            "print('HEAVY', heavy)")
    r = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True)
    assert 'usage: plmnb' in r.stdout and 'models' in r.stdout
    assert 'HEAVY []' in r.stdout

def test_models_table():
    r = plmnb('models')
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].split()[:3] == ['id', 'source', 'family']
    assert lines[1].startswith('all-MiniLM-L6-v2') and 'embedded' in lines[1]
    assert any(l.startswith('tiny-gpt2') and 'random weights' in l for l in lines)

def test_models_json_filters():
    r = plmnb('models', '--task', 'fill-mask', '--json')
    ms = json.loads(r.stdout)
    assert {m['family'] for m in ms} == {'bert', 'roberta', 'albert', 'distilbert'}
    assert all('fill-mask' in m['tasks'] for m in ms)
    emb = [m for m in ms if m['id'] == 'all-MiniLM-L6-v2'][0]
    assert emb['params'] == 22_713_216 and emb['tasks']['fill-mask'] == 'new' and emb['offline']

def test_bad_task_is_an_error_not_a_traceback():
    r = plmnb('models', '--task', 'sumarize')
    assert r.returncode == 2 and 'Traceback' not in r.stderr
    assert "Unknown task 'sumarize'" in r.stderr

def test_console_script_installed():
    import shutil
    exe = shutil.which('plmnb')
    if exe is None: pytest.skip('plmnb is not installed as a console script (pip install -e .)')
    r = subprocess.run([exe, '--help'], capture_output=True, text=True)
    assert r.returncode == 0 and 'usage: plmnb' in r.stdout
