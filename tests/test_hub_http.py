"""plmnb's Hub paths run end to end through the real huggingface_hub client, over HTTP, against a local fake Hub.

Each scenario runs in a subprocess: huggingface_hub reads HF_ENDPOINT (and HF_HUB_OFFLINE...) when it is imported, and
conftest.py turns the Hub off for this process. In the subprocess the network is fenced (see `PRELUDE`): loopback only,
so nothing can leak to the real Hub; anything else is refused and listed in the result. plmnb decides 'online' by
opening a TCP connection to the host of HF_ENDPOINT, here the fake.
"""
import base64, json, os, shutil, subprocess, sys, textwrap
from pathlib import Path
import pytest
from hubfake import HubFake
from plmnb.fresh import TINY, tiny_model

TOKEN = 'hf_fake_0123456789abcdefghijklmnopqrs'  # the fake knows it as user 'me'
REPO = 'someone/tiny-gpt2-like'

PRELUDE = r'''
import json, os, socket
_NET = {'connected': set(), 'refused': set()}
_connect = socket.create_connection
def _fenced(address, *a, **kw):
    host, port = address[0], address[1]
    if host in ('127.0.0.1', 'localhost', '::1'):
        _NET['connected'].add(f'{host}:{port}'); return _connect(address, *a, **kw)
    _NET['refused'].add(f'{host}:{port}')
    raise OSError(f'network fenced off in this test: {host}:{port}')
socket.create_connection = _fenced
def report(**kw):
    print('RESULT ' + json.dumps({**kw, 'net': {k: sorted(v) for k, v in _NET.items()}}, default=str), flush=True)
'''


@pytest.fixture(scope='module')
def plmnb_home(tmp_path_factory):
    "A PLMNB_HOME holding copies of plmnb's tiny models (built once in this process), so no subprocess builds them."
    home = tmp_path_factory.mktemp('plmnb-home')
    for name in TINY:
        src = tiny_model(name)
        shutil.copytree(src, home/'tiny'/src.name)
    return home


def scenario(script: str, hub: HubFake | None, tmp: Path, home: Path, token=TOKEN, timeout=180) -> dict:
    "Run `script` (which ends by calling `report(...)`) in a fresh Python that talks to `hub`; its report, as a dict."
    env = {k: v for k, v in os.environ.items()
           if k not in ('HF_HUB_OFFLINE', 'TRANSFORMERS_OFFLINE', 'HF_DATASETS_OFFLINE', 'PLMNB_OFFLINE', 'HF_HUB_DISABLE_TELEMETRY')}
    # a stopped fake leaves HF_ENDPOINT naming a closed port: 'not reachable', as for a machine that went offline
    endpoint = hub.endpoint if hub is not None and hub.running else 'http://127.0.0.1:9'
    env.update(HF_ENDPOINT=endpoint, HF_HOME=str(tmp/'hf-home'), HF_HUB_CACHE=str(tmp/'hf-cache'), PLMNB_HOME=str(home),
               HF_TOKEN=token, MPLBACKEND='Agg', TOKENIZERS_PARALLELISM='false', OMP_NUM_THREADS='1',
               PYTHONPATH=os.pathsep.join([str(Path(__file__).parent), env.get('PYTHONPATH', '')]))
    p = subprocess.run([sys.executable, '-c', PRELUDE + textwrap.dedent(script)], env=env, cwd=tmp, capture_output=True,
                       text=True, timeout=timeout)
    lines = [l for l in p.stdout.splitlines() if l.startswith('RESULT ')]
    assert p.returncode == 0 and lines, f'the scenario failed (rc {p.returncode}):\n{p.stdout[-3000:]}\n{p.stderr[-6000:]}'
    res = json.loads(lines[-1][len('RESULT '):])
    res['stderr'] = p.stderr
    return res


def served_model(hub: HubFake) -> set:
    "Serve REPO: plmnb's tiny GPT-2, plus pickled-weights decoys that a safetensors-first download must not fetch."
    src = tiny_model('tiny-gpt2')
    hub.add_folder(REPO, src, extra={'pytorch_model.bin': b'not a pickle: must never be downloaded',
                                     'training_args.bin': b'neither this'})
    return {f.name for f in src.iterdir() if f.is_file()}


LOAD = '''
from pathlib import Path
import plmnb.models as M
from plmnb.core import PlmnbError
from plmnb.predict import generate
try: ld = M.load(%r, 'text-generation', quiet=True)
except PlmnbError as e: report(error=type(e).__name__, message=str(e)); raise SystemExit
text = generate(ld, 'the film was', max_new_tokens=5, temperature=0)
listed = [(m.id, m.source, m.path) for m in M.find_models(sources=['hf-cache'])]
report(error=None, source=ld.info.source, id=ld.info.id, path=str(ld.info.path), text=text, listed=listed,
       files=sorted(p.name for p in Path(ld.info.path).iterdir()))
''' % REPO


def test_hub_id_downloads_through_the_real_client_then_loads_offline(tmp_path, plmnb_home):
    with HubFake(tokens={TOKEN: 'me'}) as hub:
        model_files = served_model(hub)
        first = scenario(LOAD, hub, tmp_path, plmnb_home)
        reqs = list(hub.requests)
        assert not hub.unknown and not hub.errors, (hub.unknown, hub.errors)
    assert first['error'] is None, first['message']
    assert first['source'] == 'hub' and first['id'] == REPO and first['text'].startswith('the film was')
    # the real snapshot_download put it in the Hugging Face cache of this scenario, as a snapshot of the served commit
    head = hub.repos[REPO].head.oid
    assert first['path'] == str(tmp_path/'hf-cache'/'models--someone--tiny-gpt2-like'/'snapshots'/head)
    assert set(first['files']) == model_files  # everything a model needs, and no pickled weights
    assert first['listed'] == [[REPO, 'hf-cache', first['path']]]
    # what crossed the wire: repo info, the listing, then each file; weights from the CDN, safetensors only
    fetched = {r.path.split('/resolve/')[1].split('/', 1)[1] for r in reqs if r.route == 'resolve' and r.method == 'GET'}
    fetched |= {'model.safetensors' for r in reqs if r.route == 'cdn' and r.method == 'GET'}
    assert fetched == model_files and not any(r.path.endswith('.bin') for r in reqs)
    # (agent_harnesses: the client's own once-a-day User-Agent registry, not a plmnb call)
    assert {r.route for r in reqs} - {'agent_harnesses'} == {'model_info', 'tree', 'resolve', 'cdn'}
    assert all(r.token == TOKEN for r in reqs if r.origin == 'hub' and r.route != 'agent_harnesses')
    assert all('authorization' not in r.headers for r in reqs if r.origin == 'cdn')  # the client keeps the token off the CDN
    assert first['net']['refused'] == []
    # the Hub is gone (server stopped, nothing else reachable): a new session loads the same model from the cache
    again = scenario(LOAD, None, tmp_path, plmnb_home)
    assert again['error'] is None, again['message']
    assert again['source'] == 'hf-cache' and again['path'] == first['path'] and again['text'] == first['text']
    assert again['net'] == {'connected': [], 'refused': []}  # not even an attempt


def test_hub_id_downloads_from_a_mirror_when_huggingface_co_is_unreachable(tmp_path, plmnb_home):
    "With HF_ENDPOINT set to a reachable mirror and no route to huggingface.co, load() asks the mirror (not 'offline')."
    with HubFake(tokens={TOKEN: 'me'}) as hub:
        served_model(hub)
        res = scenario(LOAD, hub, tmp_path, plmnb_home)
        asked = [r.route for r in hub.requests]
    assert res['net']['refused'] == []  # huggingface.co (off limits here) is not even tried: the mirror is the hub
    assert res['error'] is None and res['source'] == 'hub', f"{res.get('message')} (the mirror got: {asked})"


def test_missing_repo_is_a_clear_error(tmp_path, plmnb_home):
    script = '''
    import plmnb.models as M
    from plmnb.core import ModelNotFoundError
    try: M.load('someone/no-such-model', 'text-generation'); report(error=None)
    except ModelNotFoundError as e: report(error=type(e).__name__, message=str(e))
    '''
    with HubFake(tokens={TOKEN: 'me'}) as hub:
        served_model(hub)
        res = scenario(script, hub, tmp_path, plmnb_home)
    assert res['error'] == 'ModelNotFoundError', res
    msg = res['message']
    assert msg.startswith("Model 'someone/no-such-model' could not be fetched from the hub (RepositoryNotFoundError")
    assert 'Traceback' not in res['stderr'] and 'is offline' not in msg
    assert 'hf auth login' in msg and 'http' not in msg and '\n' not in msg  # one line, the fix, no URL dump
    assert 'Did you mean' not in msg  # no local tiny-* model is a near miss of an 'org/name' id
    # one question, answered with the Hub's own "no such repo", and no download
    asked = [(r.method, r.path, r.status, r.headers.get('authorization')) for r in hub.requests if r.route != 'agent_harnesses']
    assert asked == [('GET', '/api/models/someone/no-such-model/revision/main', 404, f'Bearer {TOKEN}')]
    assert not hub.unknown and not hub.errors
    assert not (tmp_path/'hf-cache'/'models--someone--no-such-model'/'snapshots').exists()


PUSH = '''
import torch
import plmnb.models as M
from plmnb.data import sample
from plmnb.train import finetune, SaveError
data = sample('sentiment', seed=0)
run = finetune('tiny-bert', data, epochs=1, batch_size=16, progress='none', examples=0, max_steps=3, eval_every=3)
try: run.push_to_hub('me/tiny-sentiment', private=True, token='hf_not_a_token_the_hub_knows'); refused = None
except SaveError as e: refused = str(e)
url = run.push_to_hub('me/tiny-sentiment', private=True)
# and back: the pushed run downloads (a private repo: the token is needed) and predicts as the trained model did
back = M.load('me/tiny-sentiment', 'text-classification', quiet=True)
enc = run.loaded.tokenizer(['a wonderful film', 'a dull mess'], return_tensors='pt', padding=True)
with torch.no_grad():
    same = torch.allclose(run.loaded.model.cpu().eval()(**enc).logits, back.model.cpu().eval()(**enc).logits, atol=1e-5)
report(refused=refused, url=url, back_source=back.info.source, same_logits=same, labels=run.loaded.model.config.id2label)
'''


@pytest.fixture(scope='module')
def pushed(tmp_path_factory, plmnb_home):
    "One fine-tuned run pushed twice: first with a token the Hub rejects, then with the right one; then loaded back."
    tmp = tmp_path_factory.mktemp('push')
    with HubFake(tokens={TOKEN: 'me'}) as hub:
        res = scenario(PUSH, hub, tmp, plmnb_home)
        return hub, res


def test_push_to_hub_sends_everything_through_the_real_client(pushed):
    hub, res = pushed
    assert not hub.unknown and not hub.errors, (hub.unknown, hub.errors)
    good = [r for r in hub.requests if r.token == TOKEN]
    assert res['url'] == f'{hub.endpoint}/me/tiny-sentiment'  # the Hub's https://huggingface.co/... URL, mapped to the endpoint
    create, = [r for r in good if r.route == 'create_repo']
    assert create.status == 200 and {k: create.json()[k] for k in ('name', 'organization')} == {'name': 'tiny-sentiment', 'organization': 'me'}
    repo = hub.repos['me/tiny-sentiment']
    assert repo.private and len(repo.commits) == 2  # the Hub's initial commit, then exactly one upload
    commit, = [r for r in good if r.route == 'commit']
    lines = commit.ndjson()
    assert commit.status == 200 and commit.headers['content-type'] == 'application/x-ndjson'
    assert lines[0] == {'key': 'header', 'value': {'summary': 'Upload a plmnb run', 'description': ''}}
    sent = {l['value']['path']: base64.b64decode(l['value']['content']) for l in lines[1:] if l['key'] == 'file'}
    assert {'README.md', 'model.safetensors', 'config.json', 'tokenizer.json', 'tokenizer_config.json', 'history.csv',
            'report.html', 'loss.png', 'run.json'} <= set(sent), sorted(sent)
    assert set(repo.head.added) == set(sent) and {p: b.data for p, b in repo.files.items() if p in sent} == sent
    assert 'pipeline_tag: text-classification' in sent['README.md'].decode()
    assert sent['loss.png'][:4] == b'\x89PNG' and json.loads(sent['config.json'])['id2label'] == res['labels']
    assert int.from_bytes(sent['model.safetensors'][:8], 'little') < len(sent['model.safetensors'])  # a safetensors header
    # the client's order: create, validate the card, ask how to send each file, commit; all with the user's token
    routes = [r.route for r in good]
    assert routes.index('create_repo') < routes.index('validate_yaml') < routes.index('preupload') < routes.index('commit')
    pre, = [r for r in good if r.route == 'preupload']
    assert {f['path'] for f in pre.json()['files']} == set(sent)
    # and the pushed run comes back from the Hub as the same model
    assert res['back_source'] == 'hub' and res['same_logits'] is True
    assert res['net']['refused'] == []


def test_push_with_a_rejected_token_is_a_clear_save_error(pushed):
    hub, res = pushed
    bad = [r for r in hub.requests if r.token == 'hf_not_a_token_the_hub_knows']
    msg = res['refused']
    assert msg is not None, 'push_to_hub with a token the Hub rejects did not raise SaveError'
    assert "The Hub refused the push to 'me/tiny-sentiment'" in msg and 'Check the token' in msg and '401' in msg, msg
    assert 'hf_not_a_token' not in msg  # the token is not echoed
    # create (401), then at most the client's exist_ok look-up of the repo (401): nothing was written
    assert bad and bad[0].route == 'create_repo' and all(r.status == 401 for r in bad), bad
    assert {r.route for r in bad} <= {'create_repo', 'model_info'}, bad
