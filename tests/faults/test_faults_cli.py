"""Bad input and faults through the `plmnb` command, run as a user runs it (a subprocess): the exit status, ONE line on
stderr naming the culprit (file, folder, value) and the fix, no traceback, and nothing of the user's lost."""
import json, os, subprocess, sys
from pathlib import Path
import pytest

CODE = 'import sys; from plmnb.cli import main; sys.exit(main(sys.argv[1:]))'

def plmnb(*args, cwd=None, env=None, code=CODE):
    env = {**os.environ, 'PLMNB_DEBUG': '', **(env or {})}
    return subprocess.run([sys.executable, '-c', code, *map(str, args)], capture_output=True, text=True, timeout=600, cwd=cwd, env=env)

def one_line_error(r, status=2):
    "The single stderr line of a failed run, checked: status, one line, no traceback."
    assert r.returncode == status, (r.returncode, r.stderr[-2000:])
    assert 'Traceback' not in r.stderr, r.stderr
    lines = [l for l in r.stderr.splitlines() if l.strip()]
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith(('plmnb: error:', 'plmnb finetune: error:', 'plmnb: internal error')), lines[0]
    return lines[0]


# --- each case: (name, files to make, argv (with {d} for the temp folder), what the one line must name) -----------

def _files(d:Path):
    (d/'notes.txt').write_text('my notes')
    (d/'project').mkdir(); (d/'project'/'paper.tex').write_text('my paper')
    rows = [(f'review number {i}, a fine film' if i % 2 else f'review number {i}, a dull film', i % 2) for i in range(20)]
    good = 'text,label\n' + ''.join(f'"{t}",{y}\n' for t, y in rows)
    (d/'latin.csv').write_bytes(good.replace('review', 'caf\xe9 review').encode('latin-1'))
    (d/'empty.csv').write_bytes(b'')
    lines = good.splitlines(); lines[6] += ',extra'
    (d/'ragged.csv').write_text('\n'.join(lines) + '\n')
    (d/'cut.json').write_text(json.dumps([dict(text=t, label=y) for t, y in rows])[:-40])
    (d/'nolabel.csv').write_text(good.replace('text,label', 'text,stars'))
    (d/'somedir').mkdir()

CASES = [
    ('out is a file', ['finetune', 'tiny-bert', 'sentiment', '--out', '{d}/notes.txt'], ['notes.txt', 'is a file']),
    ('out holds other files', ['finetune', 'tiny-bert', 'sentiment', '--out', '{d}/project'], ['project', 'paper.tex', 'new or empty folder']),
    ('out under a file', ['finetune', 'tiny-bert', 'sentiment', '--out', '{d}/notes.txt/run'], ['notes.txt/run', 'cannot write there']),
    ('out unwritable', ['finetune', 'tiny-bert', 'sentiment', '--out', '/proc/plmnb-run'], ['/proc/plmnb-run', 'cannot write there']),
    ('data missing', ['finetune', 'tiny-bert', '{d}/reviews.csv', '--out', '{d}/run'], ['reviews.csv', 'No data file']),
    ('sample misspelt', ['finetune', 'tiny-bert', 'sentimnt', '--out', '{d}/run'], ["'sentimnt'", "Did you mean 'sentiment'"]),
    ('data not utf-8', ['finetune', 'tiny-bert', '{d}/latin.csv', '--out', '{d}/run'], ['latin.csv', 'encoding']),
    ('data empty', ['finetune', 'tiny-bert', '{d}/empty.csv', '--out', '{d}/run'], ['empty.csv']),
    ('data ragged', ['finetune', 'tiny-bert', '{d}/ragged.csv', '--out', '{d}/run'], ['ragged.csv', 'line 7']),
    ('data cut json', ['finetune', 'tiny-bert', '{d}/cut.json', '--out', '{d}/run'], ['cut.json']),
    ('data no label column', ['finetune', 'tiny-bert', '{d}/nolabel.csv', '--out', '{d}/run'], ['nolabel.csv', 'label']),
    ('data is a folder', ['finetune', 'tiny-bert', '{d}/somedir', '--out', '{d}/run'], ['somedir']),
    ('model unknown', ['finetune', 'tiny-bret', 'sentiment', '--out', '{d}/run'], ["'tiny-bret'", "Did you mean 'tiny-bert'"]),
    ('model folder without weights', ['finetune', '{d}/project', 'sentiment', '--out', '{d}/run'], ['project']),
    ('task unknown', ['finetune', 'tiny-bert', 'sentiment', '--task', 'sentiment-analysis', '--out', '{d}/run'], ["'sentiment-analysis'"]),
    ('task does not fit the sample', ['finetune', 'tiny-bert', 'sentiment', '--task', 'token-classification', '--out', '{d}/run'],
     ["'sentiment' sample is text-classification data"]),
    ('epochs zero', ['finetune', 'tiny-bert', 'sentiment', '--epochs', '0'], ['--epochs', 'must be more than 0']),
    ('epochs not a number', ['finetune', 'tiny-bert', 'sentiment', '--epochs', 'three'], ['--epochs', "'three' is not a float"]),
    ('batch size negative', ['finetune', 'tiny-bert', 'sentiment', '--batch-size', '-4'], ['--batch-size', 'must be more than 0']),
    ('lr negative', ['finetune', 'tiny-bert', 'sentiment', '--lr', '-1e-5'], ['--lr']),
    ('missing data argument', ['finetune', 'tiny-bert'], ['data']),
    ('unknown command', ['fintune'], ["'fintune'"]),
]

@pytest.mark.parametrize('argv,names', [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_user_error_one_line_exit_2_nothing_lost(tmp_path, argv, names):
    _files(tmp_path)
    before = {p: p.read_bytes() for p in tmp_path.rglob('*') if p.is_file()}
    r = plmnb(*[a.format(d=tmp_path) for a in argv], cwd=tmp_path)
    line = one_line_error(r)
    for n in names: assert n in line, (n, line)
    assert {p: p.read_bytes() for p in tmp_path.rglob('*') if p.is_file()} == before  # nothing of the user's changed
    assert not (tmp_path/'run').exists() and not (tmp_path/'plmnb-run').exists()  # no folder left behind, nothing trained


def test_debug_shows_the_traceback(tmp_path):
    r = plmnb('finetune', 'tiny-bert', tmp_path/'reviews.csv', '--out', tmp_path/'run', env={'PLMNB_DEBUG': '1'})
    assert r.returncode == 2 and 'Traceback' in r.stderr and r.stderr.rstrip().splitlines()[-1].startswith('plmnb: error: No data file')


def test_not_enough_space_is_refused_before_training(tmp_path):
    code = ("import shutil, sys; from collections import namedtuple; U = namedtuple('U', 'total used free')\n"
            "shutil.disk_usage = lambda p: U(10**9, 10**9 - 1000, 1000)\n" + CODE)
    line = one_line_error(plmnb('finetune', 'tiny-bert', 'sentiment', '--out', tmp_path/'run', code=code))
    assert str(tmp_path/'run') in line and 'free' in line and 'needs about' in line


def test_internal_error_is_one_line_exit_1(tmp_path):
    code = ("import plmnb.train as t\n"
            "def boom(*a, **k): raise ZeroDivisionError('a bug')\n"
            "t.finetune = boom\n" + CODE)
    line = one_line_error(plmnb('finetune', 'tiny-bert', 'sentiment', '--out', tmp_path/'run', code=code), status=1)
    assert 'internal error: ZeroDivisionError: a bug' in line and 'PLMNB_DEBUG=1' in line


def test_nan_run_exits_3_and_saves_no_model(tmp_path):
    r = plmnb('finetune', 'tiny-bert', 'sentiment', '--epochs', '0.2', '--lr', '1e9', '--out', tmp_path/'run')
    line = one_line_error(r, status=3)
    assert 'diverged' in line and 'lower --lr' in line and str(tmp_path/'run'/'report.html') in line
    assert (tmp_path/'run'/'report.html').is_file() and not (tmp_path/'run'/'model').exists()


def test_failed_save_never_loses_the_trained_run(tmp_path):
    "The disk fills up while the model is saved: the run is saved elsewhere, and the user is told where."
    code = ("import plmnb.train as t\nfrom plmnb.core import PlmnbError\n_save = t.Run.save\n"
            "def save(self, path, **kw):\n"
            "    if 'plmnb-rescued-' not in str(path): raise OSError(28, 'No space left on device')\n"
            "    return _save(self, path, **kw)\n"
            "t.Run.save = save\n" + CODE)
    r = plmnb('finetune', 'tiny-bert', 'sentiment', '--epochs', '0.05', '--out', tmp_path/'run', code=code)
    assert r.returncode == 1 and 'Traceback' not in r.stderr, r.stderr
    assert 'No space left on device' in r.stderr and 'the trained run is safe in' in r.stderr
    rescued = Path(r.stderr.split('the trained run is safe in ')[1].split(';')[0])
    try:
        from plmnb.train import Run
        back = Run.load(rescued)
        assert back.task == 'text-classification' and len(back.history)
    finally:
        import shutil; shutil.rmtree(rescued.parent, ignore_errors=True)
