"A tiny plmnb plugin for plmnb's tests: a model source, a progress panel and an attention view, found by entry points."
import html, math, os
from pathlib import Path
from plmnb.panels import Panel

class DemoSource:
    "Lists the model folders inside `$PLMNB_DEMO_MODELS` and loads them (counting its loads)."
    name = 'demo'
    def __init__(self): self.loads = []
    def models(self, **kw):
        from plmnb.models import model_info
        root = os.environ.get('PLMNB_DEMO_MODELS')
        if not root: return
        for d in sorted(Path(root).iterdir()):
            if (d/'config.json').exists(): yield model_info(d, id=f'demo/{d.name}', source=self.name)
    def load(self, info, task, **kw):
        from dataclasses import replace
        from plmnb.models import load
        self.loads.append((info.id, task))
        return load(replace(info, source='folder'), task, **kw)  # the plain folder loader does the work

class EventCountPanel(Panel):
    "Counts the events it receives, by kind, and shows the counts."
    def __init__(self):
        super().__init__(); self.counts, self.eval_steps = {}, []
    def _count(self, kind): self.counts[kind] = self.counts.get(kind, 0) + 1
    def on_train_begin(self): self.counts, self.eval_steps = {}, []; self._count('start')
    def on_step_end(self): self._count('step')
    def on_log(self, step, logs): self._count('log')
    def on_evaluate(self, step, metrics): self._count('eval'); self.eval_steps.append(step)
    def on_example(self, step, rows): self._count('examples')
    def on_train_end(self): self._count('finish')
    def html(self, live=True):
        return '<div class="demo-events">events: ' + ', '.join(f'{k} {v}' for k, v in sorted(self.counts.items())) + '</div>'
    def text(self): return f"{self.counts.get('eval', 0)} evals seen"

NOT_A_PANEL = 'a string is not a Panel'

def entropy_view(att, **opts):
    "Attention entropy (bits) of each head, averaged over tokens, as an HTML table: layers down, heads across."
    w = att.weights  # layers × heads × tokens × tokens
    rows = []
    for l in range(w.shape[0]):
        cells = []
        for h in range(w.shape[1]):
            ent = [-sum(p * math.log2(p) for p in row if p > 0) for row in w[l, h].tolist()]
            cells.append(f'<td>{sum(ent) / len(ent):.2f}</td>')
        rows.append(f'<tr><th>L{l}</th>{"".join(cells)}</tr>')
    head = ''.join(f'<th>H{h}</th>' for h in range(w.shape[1]))
    return (f'<table class="demo-entropy"><caption>attention entropy (bits) of {html.escape(att.model)}</caption>'
            f'<tr><th></th>{head}</tr>{"".join(rows)}</table>')
