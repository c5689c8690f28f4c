"adapt: extend + continue LM training of a pretrained model; rehead keeps the body in memory."
from pathlib import Path
import pytest, torch
from plmnb.core import BadArgumentError, UnsupportedTaskError
from plmnb.models import load
from plmnb.adapt import adapt, lm_task
from plmnb.models import rehead

ZH = [p for p in (Path(__file__).resolve().parent.parent/'plmnb'/'samples'/'corpus_zh.txt').read_text(encoding='utf-8').split('\n\n') if p.strip()]
KW = dict(epochs=1, batch_size=8, block_size=32, progress='none')

def test_lm_task_by_family():
    assert [lm_task(f) for f in ('bert', 'roberta', 'distilbert', 'albert', 'gpt2')] == ['fill-mask'] * 4 + ['text-generation']
    with pytest.raises(UnsupportedTaskError, match='neither head'): lm_task('t5')

def test_rehead_keeps_the_body_and_seeds_the_head():
    lm = load('tiny-bert', 'fill-mask', quiet=True)
    a, b = rehead(lm, 'text-classification', ['neg', 'pos'], seed=3), rehead(lm, 'text-classification', ['neg', 'pos'], seed=3)
    assert a.labels == ['neg', 'pos'] and a.task == 'text-classification' and a.tokenizer is lm.tokenizer
    for (k, v), (k2, v2) in zip(lm.model.bert.encoder.state_dict().items(), a.model.bert.encoder.state_dict().items()):
        assert k == k2 and torch.equal(v, v2)
    assert torch.equal(a.model.classifier.weight, b.model.classifier.weight)
    assert not torch.equal(a.model.classifier.weight, rehead(lm, 'text-classification', ['neg', 'pos'], seed=4).model.classifier.weight)
    back = rehead(a, 'fill-mask')  # and back: the LM head is tied to the (shared) embeddings
    assert back.model.get_output_embeddings().weight is back.model.get_input_embeddings().weight

def test_adapt_extends_the_vocabulary_and_reports_it():
    run = adapt('tiny-bert', ZH[:40], extend_vocab=400, **KW)
    ad, lo = run.loaded.trained['adapt'], run.loaded
    assert ad['before']['unk_rate'] > 0.9 and ad['after']['unk_rate'] < ad['before']['unk_rate'] / 5, ad
    assert 0 < ad['added'] <= 400 and ad['seconds'] > 0
    assert lo.task == 'fill-mask' and lo.model.get_input_embeddings().weight.shape[0] == len(lo.tokenizer)
    assert lo.model.get_output_embeddings().weight is lo.model.get_input_embeddings().weight
    assert '[UNK]' not in lo.tokenizer.tokenize('这部电影很好看')
    assert run.metrics.get('eval_loss') is not None

def test_adapt_without_extension_and_from_a_task_model():
    clf = load('tiny-bert', 'text-classification', labels=['neg', 'pos'], quiet=True)
    emb = clf.model.bert.embeddings.word_embeddings.weight.detach().clone()
    run = adapt(clf, ZH[:20], **KW)  # a classifier is re-headed for masked LM: its body goes on learning
    ad = run.loaded.trained['adapt']
    assert ad['added'] == 0 and ad['before'] == ad['after']
    assert run.loaded.task == 'fill-mask' and run.loaded.model.bert.embeddings.word_embeddings.weight.shape == emb.shape

def test_adapt_causal_family():
    run = adapt('tiny-gpt2', ZH[:20], extend_vocab=100, **KW)
    assert run.loaded.task == 'text-generation' and run.loaded.trained['adapt']['added'] > 0

def test_adapt_same_seed_same_result():
    a, b = adapt('tiny-bert', ZH[:20], extend_vocab=50, seed=7, **KW), adapt('tiny-bert', ZH[:20], extend_vocab=50, seed=7, **KW)
    assert a.metrics['eval_loss'] == pytest.approx(b.metrics['eval_loss'], abs=1e-6)

@pytest.mark.parametrize('kw,msg', [(dict(extend_vocab=-1), 'extend_vocab=-1'), (dict(extend_vocab=2.5), 'extend_vocab=2.5')])
def test_adapt_bad_arguments(kw, msg):
    with pytest.raises(BadArgumentError, match=msg): adapt('tiny-bert', ZH[:5], **kw, **KW)

def test_adapt_refuses_a_raw_model():
    with pytest.raises(BadArgumentError, match='Loaded.from_model'): adapt(torch.nn.Linear(2, 2), ZH[:5], **KW)
