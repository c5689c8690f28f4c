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
    assert emb['params'] == 22_713_216 and emb['tasks']['fill-mask'] == 'new' and not emb['random_weights']

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


def test_finetune_pairs_sample_head_from_data(tmp_path):
    "No label step: the head is built from the data (here sentence pairs); the run and its report are saved."
    r = plmnb('finetune', 'tiny-bert', 'pairs', '--epochs', '0.05', '--out', str(tmp_path/'run'))
    assert r.returncode == 0, r.stderr[-3000:]
    assert (tmp_path/'run'/'report.html').is_file() and 'run saved to' in r.stdout
    from plmnb.train import Run
    from plmnb.data import sample
    from plmnb.predict import classify
    back = Run.load(tmp_path/'run'/'model')
    assert back.loaded.labels == sample('pairs').labels
    assert classify(back.loaded, 'A man eats.', text_pair='Someone is eating.').label in back.loaded.labels
    from plmnb.predict import is_pair_model, Playground
    from plmnb.core import DataError
    assert is_pair_model(back.loaded) and len(Playground(back.loaded).boxes) == 2  # the saved model says it reads pairs
    with pytest.raises(DataError, match='trained on sentence pairs'): classify(back.loaded, 'A man eats.')

def test_out_folder_rules(tmp_path):
    from plmnb.cli import _check_out
    from plmnb.core import BadArgumentError
    run = tmp_path/'run'; (run/'model').mkdir(parents=True); (run/'report.html').write_text('old report')
    (run/'.model.plmnb-tmp-1234').mkdir()  # a killed save's leftover: Run.save cleans it
    assert _check_out(run) == (run, False)  # an earlier run folder: saved over, run by run
    (run/'data.csv').write_text('mine')
    with pytest.raises(BadArgumentError, match=r"holds other files \(data.csv\)"): _check_out(run)

def test_parser_errors_are_one_line():
    r = plmnb('finetune', 'tiny-bert', 'sentiment', '--epochs', 'x')
    assert r.returncode == 2 and r.stderr.count('\n') == 1 and "argument --epochs: 'x' is not a float" in r.stderr
    r = plmnb('--help')
    assert r.returncode == 0 and 'finetune' in r.stdout and 'demo' in r.stdout

def test_pair_columns_by_name_and_encoding(tmp_path):
    "`--text a,b` names the two text columns of a pair task; `--encoding` reads a non-UTF-8 file."
    import argparse
    from plmnb.cli import _data
    rows = ''.join(f'"premise {i} caf\xe9","claim {i}",{"yes" if i % 2 else "no"}\n' for i in range(20))
    (tmp_path/'p.csv').write_bytes(('first,second,verdict\n' + rows).encode('latin-1'))
    args = argparse.Namespace(data=str(tmp_path/'p.csv'), task=None, text='first,second', label='verdict', encoding='latin-1')
    d = _data(args)
    assert d.pair and d.task == 'text-classification' and sorted(d.labels) == ['no', 'yes']
    assert 'café' in d.train[0]['text'] + d.validation[0]['text']
