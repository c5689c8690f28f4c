"""A local fake of the Hugging Face Hub HTTP API, for tests (stdlib only; never part of the library).

It speaks just enough of the Hub's protocol for the *real* `huggingface_hub` client (2.x, httpx based) to run
`snapshot_download`/`hf_hub_download` and `HfApi.create_repo`/`upload_folder` against it end to end:

    with HubFake(tokens={'hf_fake': 'me'}) as hub:
        hub.add_folder('someone/tiny', some_model_folder)
        env = {'HF_ENDPOINT': hub.endpoint, 'HF_TOKEN': 'hf_fake', ...}   # run the client in a subprocess with this
        ...
        assert not hub.unknown                                          # nothing was called that the fake lacks

Routes (all others answer 404 and are recorded in `unknown`):

    GET  /api/models/{repo}[/revision/{rev}]           repo info: sha, private, siblings (with sizes when ?blobs=1)
    GET  /api/models/{repo}/tree/{rev}[/{path}]        the file listing snapshot_download reads (?recursive=)
    HEAD|GET /{repo}/resolve/{rev}/{path}              a file: ETag, X-Repo-Commit, Content-Length; LFS files answer
                                                       302 to the CDN with X-Linked-Etag/X-Linked-Size, like the Hub
    POST /api/repos/create                             {name, organization, visibility|private, type}
    POST /api/validate-yaml                            README metadata check (always valid here)
    GET  /api/agent-harnesses                          the registry the client reads to build its User-Agent (empty)
    POST /api/models/{repo}/preupload/{rev}            every file is "regular" (sent inline, base64, in the commit)
    POST /api/models/{repo}/commit/{rev}               the NDJSON commit: header, file, deletedFile, deletedFolder
  on a second port, the "CDN":
    HEAD|GET /lfs/{sha256}                             LFS file contents (the Hub's redirect target)

Errors carry the headers the client keys on: `X-Error-Code` (RepoNotFound, RevisionNotFound, EntryNotFound) and
`X-Error-Message`. A token the fake does not know gets 401 "Invalid credentials in Authorization header" on any
route; writes need a known token whose user owns the namespace (401 without one, 403 for another namespace).
Private repos are invisible (404/401 RepoNotFound) to everyone but their owner. Nothing answers 5xx on purpose:
the client retries those with back-off, which would only make a failing test slow.
"""
from __future__ import annotations
import base64, fnmatch, hashlib, json, re, socket, threading, time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

__all__ = ['HubFake', 'Blob', 'Commit', 'Repo', 'Request', 'LFS_PATTERNS']

# What the Hub's default .gitattributes sends to LFS (a subset); such files are served the LFS way (302 to the CDN).
LFS_PATTERNS = ('*.bin', '*.safetensors', '*.pt', '*.pth', '*.ckpt', '*.h5', '*.msgpack', '*.onnx', '*.model', '*.npz')
GITATTRIBUTES = ''.join(f'{p} filter=lfs diff=lfs merge=lfs -text\n' for p in LFS_PATTERNS).encode()
INVALID_TOKEN = 'Invalid credentials in Authorization header'  # the message huggingface_hub special-cases on 401


def _git_oid(data: bytes) -> str:
    "The git blob id of `data` (what the Hub reports as a file's `oid` and a regular file's ETag)."
    return hashlib.sha1(b'blob %d\0' % len(data) + data).hexdigest()


def _now() -> str: return datetime.now(timezone.utc).strftime('%Y-%m-%dT%H:%M:%S.000Z')


@dataclass(frozen=True)
class Blob:
    "A file's contents; `lfs` files are stored the LFS way (a pointer in git, the bytes on the CDN)."
    data: bytes
    lfs: bool = False

    @property
    def size(self) -> int: return len(self.data)
    @property
    def sha256(self) -> str: return hashlib.sha256(self.data).hexdigest()
    @property
    def pointer(self) -> bytes:
        return f'version https://git-lfs.github.com/spec/v1\noid sha256:{self.sha256}\nsize {self.size}\n'.encode()
    @property
    def oid(self) -> str: return _git_oid(self.pointer if self.lfs else self.data)

    def tree_entry(self, path: str) -> dict:
        d = {'type': 'file', 'oid': self.oid, 'size': self.size, 'path': path}
        if self.lfs: d['lfs'] = {'oid': self.sha256, 'size': self.size, 'pointerSize': len(self.pointer)}
        return d


@dataclass
class Commit:
    oid: str
    title: str
    description: str
    files: dict  # path -> Blob: the whole tree at this commit
    date: str = field(default_factory=_now)
    added: tuple = ()  # paths this commit wrote
    deleted: tuple = ()  # paths this commit removed


@dataclass
class Repo:
    repo_id: str
    private: bool = False
    commits: list = field(default_factory=list)  # oldest first; the last is `main`
    created_at: str = field(default_factory=_now)

    @property
    def head(self) -> Commit: return self.commits[-1]
    @property
    def files(self) -> dict: return self.head.files
    @property
    def namespace(self) -> str: return self.repo_id.split('/')[0] if '/' in self.repo_id else ''

    def commit(self, title: str, files: dict, description: str = '', added=(), deleted=()) -> Commit:
        parent = self.commits[-1].oid if self.commits else ''
        seed = json.dumps([self.repo_id, parent, title, len(self.commits), time.time_ns(),
                           sorted((p, b.oid) for p, b in files.items())])
        c = Commit(hashlib.sha1(seed.encode()).hexdigest(), title, description, dict(files), added=tuple(added), deleted=tuple(deleted))
        self.commits.append(c)
        return c

    def at(self, rev: str) -> Commit | None:
        "The commit `rev` names: 'main' (or the empty string), or a full commit id."
        if rev in ('main', ''): return self.head
        return next((c for c in self.commits if c.oid == rev), None)


@dataclass
class Request:
    "One request the fake received."
    method: str
    path: str  # decoded, without the query
    query: dict  # name -> last value
    headers: dict  # lower-case names
    body: bytes
    origin: str  # 'hub' or 'cdn'
    route: str | None = None  # the route that answered; None: unknown
    status: int = 0

    @property
    def token(self) -> str | None:
        a = self.headers.get('authorization')
        return a.split(' ', 1)[1].strip() if a and ' ' in a else None
    def json(self): return json.loads(self.body or b'null')
    def ndjson(self) -> list: return [json.loads(l) for l in self.body.splitlines() if l.strip()]
    def __repr__(self): return f'<{self.origin} {self.method} {self.path} -> {self.status} ({self.route})>'


class _Reply(Exception):
    "Raised inside a route to answer at once."
    def __init__(self, status: int, body=None, headers=None):
        self.status, self.body, self.headers = status, body, headers or {}


def _error(status: int, message: str, code: str | None = None, **headers) -> _Reply:
    h = {'X-Error-Message': message, **headers}
    if code: h['X-Error-Code'] = code
    return _Reply(status, {'error': message}, h)


_REPO = r'(?P<repo>[^/]+(?:/[^/]+)?)'
_ROUTES = [  # (methods, regex on the raw path, name); the first match wins
    (('GET',), rf'^/api/models/{_REPO}/tree/(?P<rev>[^/]+)(?:/(?P<path>.+))?$', 'tree'),
    (('GET',), rf'^/api/models/{_REPO}/revision/(?P<rev>[^/]+)$', 'model_info'),
    (('POST',), rf'^/api/models/{_REPO}/preupload/(?P<rev>[^/]+)$', 'preupload'),
    (('POST',), rf'^/api/models/{_REPO}/commit/(?P<rev>[^/]+)$', 'commit'),
    (('POST',), r'^/api/repos/create$', 'create_repo'),
    (('POST',), r'^/api/validate-yaml$', 'validate_yaml'),
    (('GET',), r'^/api/agent-harnesses$', 'agent_harnesses'),
    (('GET',), rf'^/api/models/{_REPO}$', 'model_info'),
    (('HEAD', 'GET'), rf'^/{_REPO}/resolve/(?P<rev>[^/]+)/(?P<path>.+)$', 'resolve'),
]
_CDN_ROUTES = [(('HEAD', 'GET'), r'^/lfs/(?P<sha>[0-9a-f]{64})$', 'cdn')]


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # a keep-alive connection never blocks stop()
    allow_reuse_address = True

    def __init__(self, hub: 'HubFake', origin: str):
        self.hub, self.origin, self.conns, self.conns_lock = hub, origin, set(), threading.Lock()
        super().__init__(('127.0.0.1', 0), _Handler)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'  # keep-alive, as httpx expects; every answer carries Content-Length
    server: _Server

    def setup(self):
        super().setup()
        with self.server.conns_lock: self.server.conns.add(self.connection)
    def finish(self):
        with self.server.conns_lock: self.server.conns.discard(self.connection)
        try: super().finish()
        except OSError: pass
    def log_message(self, *a): pass  # quiet

    def _body(self) -> bytes:
        if self.headers.get('Transfer-Encoding', '').lower() == 'chunked':
            out = b''
            while True:
                n = int(self.rfile.readline().split(b';')[0].strip() or b'0', 16)
                if n == 0:
                    while self.rfile.readline().strip(): pass  # trailers
                    return out
                out += self.rfile.read(n); self.rfile.readline()
        n = int(self.headers.get('Content-Length') or 0)
        return self.rfile.read(n) if n else b''

    def _handle(self):
        hub, raw = self.server.hub, urlsplit(self.path)
        req = Request(self.command, unquote(raw.path), {k: v[-1] for k, v in parse_qs(raw.query, keep_blank_values=True).items()},
                      {k.lower(): v for k, v in self.headers.items()}, self._body(), self.server.origin)
        routes = _CDN_ROUTES if self.server.origin == 'cdn' else _ROUTES
        status, body, headers = 404, {'error': 'Not Found (the fake Hub has no such route)'}, {}
        for methods, rx, name in routes:
            m = re.match(rx, raw.path)
            if m and self.command in methods:
                req.route = name
                try:
                    status, body, headers = hub._dispatch(name, req, {k: unquote(v) for k, v in m.groupdict().items() if v is not None})
                except _Reply as r: status, body, headers = r.status, r.body, r.headers
                except Exception as e:  # a bug in the fake: 400 (not 5xx, which the client would retry), and remembered
                    hub.errors.append(f'{req!r}: {type(e).__name__}: {e}')
                    status, body, headers = 400, {'error': f'fake hub crashed: {type(e).__name__}: {e}'}, {}
                break
        req.status = status
        hub._record(req)
        self._send(status, body, headers)

    def _send(self, status, body, headers):
        data = body if isinstance(body, bytes) else b'' if body is None else json.dumps(body).encode()
        self.send_response(status)
        headers = dict(headers)
        if 'Content-Type' not in headers:
            headers['Content-Type'] = 'application/json; charset=utf-8' if not isinstance(body, bytes) else 'application/octet-stream'
        headers.setdefault('Content-Length', str(len(data)))
        for k, v in headers.items(): self.send_header(k, str(v))
        self.end_headers()
        if self.command != 'HEAD' and data: self.wfile.write(data)

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _handle


class HubFake:
    "A fake Hub on 127.0.0.1 (random free ports): a context manager, or `start()`/`stop()`."

    def __init__(self, tokens: dict | None = None, # token -> user name
                 orgs: dict | None = None, # user name -> namespaces (organisations) the user may also write to
                 public_url: str = 'https://huggingface.co', # the host the real Hub names in the URLs it returns
                 lfs_patterns=LFS_PATTERNS, # files added with `add_repo` that are stored the LFS way
                ):
        self.tokens, self.orgs = dict(tokens or {}), {k: set(v) for k, v in (orgs or {}).items()}
        self.public_url, self.lfs_patterns = public_url.rstrip('/'), tuple(lfs_patterns)
        self.repos: dict[str, Repo] = {}
        self.requests: list[Request] = []
        self.errors: list[str] = []  # exceptions raised inside the fake (a bug in it)
        self._lock = threading.RLock()
        self._servers: list[_Server] = []
        self._ports: tuple = ()

    # --- the store ---
    def _is_lfs(self, path: str) -> bool: return any(fnmatch.fnmatch(path.rsplit('/', 1)[-1], p) for p in self.lfs_patterns)

    def add_repo(self, repo_id: str, files: dict | None = None, private: bool = False, title: str = 'initial commit') -> Repo:
        "Serve `repo_id` with `files` (path -> bytes or str); returns the `Repo`, whose `head.oid` is `main`."
        blobs = {'.gitattributes': Blob(GITATTRIBUTES)}
        for p, d in (files or {}).items():
            d = d.encode() if isinstance(d, str) else bytes(d)
            blobs[p] = Blob(d, lfs=self._is_lfs(p))
        with self._lock:
            repo = self.repos[repo_id] = Repo(repo_id, private)
            repo.commit(title, blobs, added=tuple(blobs))
        return repo

    def add_folder(self, repo_id: str, folder, private: bool = False, extra: dict | None = None) -> Repo:
        "Serve the files of `folder` (recursively) as `repo_id`, plus `extra` files (path -> bytes)."
        folder = Path(folder)
        files = {f.relative_to(folder).as_posix(): f.read_bytes() for f in sorted(folder.rglob('*')) if f.is_file()}
        return self.add_repo(repo_id, {**files, **(extra or {})}, private=private)

    # --- the servers ---
    def start(self) -> 'HubFake':
        if self._servers: return self
        self._servers = [_Server(self, 'hub'), _Server(self, 'cdn')]
        self._ports = tuple(s.server_address[1] for s in self._servers)  # still known after stop()
        for s in self._servers:
            threading.Thread(target=s.serve_forever, kwargs={'poll_interval': 0.05}, daemon=True, name=f'hubfake-{s.origin}').start()
        return self

    def stop(self):
        "Stop serving: the ports are closed and open keep-alive connections cut, as when a host goes away."
        for s in self._servers:
            s.shutdown()
            with s.conns_lock: conns = list(s.conns)
            for c in conns:
                try: c.shutdown(socket.SHUT_RDWR)
                except OSError: pass
            s.server_close()
        self._servers = []

    def __enter__(self): return self.start()
    def __exit__(self, *exc): self.stop()

    @property
    def running(self) -> bool: return bool(self._servers)
    @property
    def port(self) -> int: return self._ports[0]
    @property
    def endpoint(self) -> str: return f'http://127.0.0.1:{self.port}'
    @property
    def cdn_endpoint(self) -> str: return f'http://127.0.0.1:{self._ports[1]}'

    # --- what was asked ---
    def _record(self, req: Request):
        with self._lock: self.requests.append(req)

    @property
    def unknown(self) -> list[Request]:
        "Requests no route of the fake answers (each got a 404)."
        return [r for r in self.requests if r.route is None]

    def calls(self, route: str | None = None, method: str | None = None) -> list[Request]:
        return [r for r in self.requests if (route is None or r.route == route) and (method is None or r.method == method)]

    def clear(self):
        with self._lock: self.requests.clear(); self.errors.clear()

    # --- the routes ---
    def _user(self, req: Request) -> str | None:
        "The user the request's token names; None when it has none; 401 for a token the fake does not know."
        if 'authorization' not in req.headers: return None
        tok = req.token
        if tok not in self.tokens: raise _error(401, INVALID_TOKEN)
        return self.tokens[tok]

    def _may_write(self, user: str | None, namespace: str):
        if user is None: raise _error(401, 'You must be authenticated to do this (no token was sent)')
        if namespace != user and namespace not in self.orgs.get(user, ()):
            raise _error(403, f'You don\'t have the rights to write to the namespace "{namespace}"')

    def _repo(self, repo_id: str, user: str | None) -> Repo:
        "The repo, if `user` may see it: else RepoNotFound, as the Hub answers for missing and for hidden repos alike."
        repo = self.repos.get(repo_id)
        hidden = repo is not None and repo.private and (user is None or (user != repo.namespace and repo.namespace not in self.orgs.get(user, ())))
        if repo is None or hidden:
            raise _error(404 if user else 401, 'Repository not found', 'RepoNotFound')
        return repo

    def _commit(self, repo: Repo, rev: str) -> Commit:
        c = repo.at(rev)
        if c is None: raise _error(404, f'Invalid rev id: {rev}', 'RevisionNotFound')
        return c

    def _dispatch(self, name: str, req: Request, args: dict):
        with self._lock:
            if name == 'cdn': return self._cdn(req, args['sha'])
            user = self._user(req)
            return getattr(self, f'_r_{name}')(req, user, **args)

    def _r_model_info(self, req, user, repo, rev='main'):
        r = self._repo(repo, user); c = self._commit(r, rev)
        blobs = req.query.get('blobs', '').lower() in ('1', 'true')
        sib = [{'rfilename': p, **({'size': b.size, 'blobId': b.oid, **({'lfs': {'sha256': b.sha256, 'size': b.size, 'pointerSize': len(b.pointer)}} if b.lfs else {})} if blobs else {})}
               for p, b in sorted(c.files.items())]
        return 200, {'_id': hashlib.sha1(r.repo_id.encode()).hexdigest()[:24], 'id': r.repo_id, 'modelId': r.repo_id,
                     'author': r.namespace or None, 'sha': c.oid, 'lastModified': c.date, 'createdAt': r.created_at,
                     'private': r.private, 'gated': False, 'disabled': False, 'downloads': 0, 'likes': 0, 'tags': [],
                     'siblings': sib, 'usedStorage': sum(b.size for b in c.files.values())}, {}

    def _r_tree(self, req, user, repo, rev, path=''):
        r = self._repo(repo, user); c = self._commit(r, rev)
        recursive = req.query.get('recursive', '').lower() in ('1', 'true')
        prefix = path.strip('/') + '/' if path else ''
        if path and path.strip('/') not in c.files and not any(p.startswith(prefix) for p in c.files):
            raise _error(404, f'Entry not found: {path}', 'EntryNotFound')
        out, dirs = [], set()
        for p, b in sorted(c.files.items()):
            if not p.startswith(prefix): continue
            rest = p[len(prefix):].split('/')
            for i in range(1, len(rest) if recursive else min(len(rest), 2)):
                dirs.add(prefix + '/'.join(rest[:i]))
            if recursive or len(rest) == 1: out.append(b.tree_entry(p))
        out += [{'type': 'directory', 'oid': _git_oid(d.encode()), 'size': 0, 'path': d} for d in sorted(dirs)]
        return 200, out, {}

    def _r_resolve(self, req, user, repo, rev, path):
        r = self._repo(repo, user); c = self._commit(r, rev)
        b = c.files.get(path)
        if b is None: raise _error(404, 'Entry not found', 'EntryNotFound', **{'X-Repo-Commit': c.oid})
        h = {'X-Repo-Commit': c.oid, 'Accept-Ranges': 'bytes'}
        if b.lfs:  # the Hub sends LFS files to its CDN (another host): metadata on this very answer
            loc = f'{self.cdn_endpoint}/lfs/{b.sha256}?filename={quote(path.rsplit("/", 1)[-1])}'
            msg = f'Found. Redirecting to {loc}'.encode()
            return 302, msg, {**h, 'Location': loc, 'ETag': f'"{b.oid}"', 'X-Linked-Etag': f'"{b.sha256}"',
                              'X-Linked-Size': b.size, 'Content-Type': 'text/plain; charset=utf-8'}
        return 200, b.data, {**h, 'ETag': f'"{b.oid}"', 'Content-Type': 'application/octet-stream'}

    def _cdn(self, req, sha):
        for r in self.repos.values():
            for c in r.commits:
                for b in c.files.values():
                    if b.lfs and b.sha256 == sha: return 200, b.data, {'ETag': f'"{sha}"', 'Content-Type': 'application/octet-stream'}
        return 404, b'NoSuchKey', {'Content-Type': 'text/plain'}

    def _r_create_repo(self, req, user):
        p = req.json() or {}
        ns = p.get('organization') or user
        self._may_write(user, ns or '')
        if p.get('type', 'model') not in (None, 'model'): raise _error(400, 'This fake Hub serves model repos only')
        if not p.get('name'): raise _error(400, 'A repo needs a name')
        repo_id = f'{ns}/{p["name"]}'
        url = f'{self.public_url}/{repo_id}'
        if repo_id in self.repos: raise _Reply(409, {'error': 'You already created this model repo', 'url': url}, {'X-Error-Message': 'You already created this model repo'})
        private = bool(p.get('private')) or p.get('visibility') == 'private'
        self.add_repo(repo_id, private=private)
        return 200, {'url': url, 'name': repo_id, 'id': self.repos[repo_id].commits[0].oid[:24]}, {}

    def _r_agent_harnesses(self, req, user):
        # huggingface_hub fetches this registry (at most once a day, cached under HF_HOME) to build its User-Agent,
        # unless HF_HUB_DISABLE_TELEMETRY is set: an empty registry means "no agent detected"
        return 200, {'standardEnvVars': [], 'harnesses': {}}, {}

    def _r_validate_yaml(self, req, user):
        return 200, {'errors': [], 'warnings': []}, {}

    def _writable(self, repo_id, user, rev) -> tuple[Repo, Commit]:
        if user is None: raise _error(401, 'You must be authenticated to do this (no token was sent)')
        r = self._repo(repo_id, user)
        self._may_write(user, r.namespace)
        if rev != 'main': raise _error(404, f'Invalid rev id: {rev} (the fake Hub commits to main only)', 'RevisionNotFound')
        return r, r.head

    def _r_preupload(self, req, user, repo, rev):
        r, c = self._writable(repo, user, rev)
        files = (req.json() or {}).get('files') or []
        return 200, {'files': [{'path': f['path'], 'uploadMode': 'regular', 'shouldIgnore': False,
                                'oid': c.files[f['path']].oid if f['path'] in c.files else None} for f in files],
                     'commitOid': c.oid}, {}

    def _r_commit(self, req, user, repo, rev):
        r, c = self._writable(repo, user, rev)
        lines = req.ndjson()
        if not lines or lines[0].get('key') != 'header': raise _error(400, 'The commit payload must start with a header line')
        head = lines[0]['value']
        if head.get('parentCommit') and head['parentCommit'] != c.oid:
            raise _error(412, 'A commit has happened since. Please refresh and try again.')
        files, added, deleted = dict(c.files), [], []
        for l in lines[1:]:
            k, v = l.get('key'), l.get('value') or {}
            if k == 'file':
                if v.get('encoding', 'base64') != 'base64': raise _error(400, f'Unknown encoding {v.get("encoding")!r}')
                files[v['path']] = Blob(base64.b64decode(v['content'])); added.append(v['path'])
            elif k == 'deletedFile':
                if files.pop(v['path'], None) is None: raise _error(404, f"A file with this name doesn't exist: {v['path']}", 'EntryNotFound')
                deleted.append(v['path'])
            elif k == 'deletedFolder':
                gone = [p for p in files if p.startswith(v['path'].rstrip('/') + '/')]
                for p in gone: files.pop(p)
                deleted += gone
            else:  # lfsFile would need the LFS/Xet upload the fake never offers (preupload says "regular")
                raise _error(400, f'This fake Hub does not take {k!r} operations')
        new = r.commit(head.get('summary') or '', files, head.get('description') or '', added, deleted)
        return 200, {'success': True, 'commitOid': new.oid, 'commitUrl': f'{self.public_url}/{r.repo_id}/commit/{new.oid}',
                     'hookOutput': ''}, {}
