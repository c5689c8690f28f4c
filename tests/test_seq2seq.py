"seq2seq parts: each metric against its library, QA spans through a real tokenizer's stride windows, denoising corruption."
import json
from pathlib import Path
import numpy as np, pytest, sacrebleu
from rouge_score import rouge_scorer
from tokenizers import Tokenizer, models as tk_models, pre_tokenizers
from tokenizers.processors import TemplateProcessing
from transformers import AutoTokenizer, EvalPrediction, PreTrainedTokenizerFast
from plmnb.core import BadArgumentError, UnsupportedTaskError
from plmnb.seq2seq import (rouge, bleu, squad, qa_answers, generation_metrics, denoise_collator, copy_baseline,
                           denoise_metrics, normalize_answer)
from plmnb.models import embedded_path

SAMPLES = Path(__file__).resolve().parent.parent/'plmnb'/'samples'

def toy_tokenizer():
    words = 'the cat sat on mat a dog ran in garden was big small red ball and fish tree it'.split()
    specials = ['<pad>', '<s>', '</s>', '<unk>', '<mask>'] + [f'<extra_id_{i}>' for i in range(10)]
    tk = Tokenizer(tk_models.WordLevel({w: i for i, w in enumerate(specials + words)}, unk_token='<unk>'))
    tk.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    tk.post_processor = TemplateProcessing(single='$A </s>', special_tokens=[('</s>', 2)])
    return PreTrainedTokenizerFast(tokenizer_object=tk, pad_token='<pad>', bos_token='<s>', eos_token='</s>', unk_token='<unk>',
                                   mask_token='<mask>', additional_special_tokens=[f'<extra_id_{i}>' for i in range(10)])

# ── metrics against their libraries ──
def test_rouge_matches_rouge_score():
    preds = ['police killed the gunman', 'the cat was found under the bed', 'a b c']
    refs = ['police kill the gunman', 'the cat was under the bed', 'x y z']
    sc = rouge_scorer.RougeScorer(['rouge1', 'rouge2', 'rougeL'], use_stemmer=True)
    r = rouge(preds, refs)
    for k in ('rouge1', 'rouge2', 'rougeL'):
        assert r[k] == pytest.approx(np.mean([sc.score(t, p)[k].fmeasure for p, t in zip(preds, refs)]))
    assert rouge(['x'], ['x'])['rougeLsum'] == 1.0

def test_rouge_chinese_is_not_zero():
    # rouge-score's own tokenizer keeps only a-z0-9: Chinese would score 0 even against itself
    assert rouge_scorer.RougeScorer(['rouge1']).score('很好看', '很好看')['rouge1'].fmeasure == 0.0
    assert rouge(['这部电影很好看'], ['这部电影很好看'])['rouge1'] == 1.0
    assert rouge(['好看'], ['很好看'])['rouge1'] == pytest.approx(0.8)

def test_bleu_and_chrf_match_sacrebleu():
    preds = ['The dog bit the man.', "It wasn't surprising.", 'The man had just bitten him.']
    refs = ['The dog bit the man.', 'It was not unexpected.', 'The man bit him first.']
    b = bleu(preds, refs)
    assert b['bleu'] == pytest.approx(sacrebleu.corpus_bleu(preds, [refs]).score)
    assert b['chrf'] == pytest.approx(sacrebleu.corpus_chrf(preds, [refs]).score)
    assert 0 < b['bleu'] < 100

def test_squad_official_semantics():
    s = squad(['Denver Broncos', 'in Denver', 'Paris'], ['the Denver Broncos', ['Denver', 'Colorado'], 'London'])
    assert s['exact_match'] == pytest.approx(100 / 3)
    assert s['f1'] == pytest.approx(100 * (1 + 2 / 3 + 0) / 3)
    assert normalize_answer('  The, "Quick" fox.') == 'quick fox'
    assert squad(['the 1990s'], [{'text': ['1990s'], 'answer_start': [3]}])['exact_match'] == 100.0

@pytest.mark.parametrize('fn', [rouge, bleu, squad])
def test_metrics_refuse_bad_input(fn):
    with pytest.raises(BadArgumentError, match='2 predictions but 1 references'): fn(['a', 'b'], ['a'])
    with pytest.raises(BadArgumentError, match='single string'): fn('a', 'a')
    with pytest.raises(BadArgumentError, match='no predictions'): fn([], [])

def test_generation_metrics_by_task():
    tok = toy_tokenizer()
    ids = np.array([tok('the cat sat on the mat')['input_ids'], tok('a dog ran in the big garden')['input_ids'][:7]])
    p = EvalPrediction(predictions=ids, label_ids=np.where(ids == tok.eos_token_id, -100, ids))
    assert set(generation_metrics('summarization', tok)(p)) == {'rouge1', 'rouge2', 'rougeL', 'rougeLsum', 'gen_len'}
    assert set(generation_metrics('translation', tok)(p)) == {'bleu', 'chrf', 'gen_len'}
    assert generation_metrics('translation', tok)(p)['bleu'] == pytest.approx(100.0)
    with pytest.raises(UnsupportedTaskError): generation_metrics('fill-mask', tok)

# ── QA: a real tokenizer, stride windows, offsets ──
def _features(tok, examples, max_length=48, stride=16):
    "Validation features as data.prepare keeps them (HF run_qa convention), plus each feature's gold token span."
    enc = tok(examples['question'], examples['context'], truncation='only_second', max_length=max_length, stride=stride,
              return_overflowing_tokens=True, return_offsets_mapping=True)
    feats = {'input_ids': [], 'example_id': [], 'offset_mapping': [], 'gold': []}
    for i, ex in enumerate(enc['overflow_to_sample_mapping']):
        seq = enc.sequence_ids(i)
        off = [o if s == 1 else None for o, s in zip(enc['offset_mapping'][i], seq)]
        a = examples['answers'][ex]; s0 = a['answer_start'][0]; e0 = s0 + len(a['text'][0])
        toks = [k for k, o in enumerate(off) if o is not None and o[0] >= s0 and o[1] <= e0 and o[1] > o[0]]
        feats['input_ids'].append(enc['input_ids'][i]); feats['example_id'].append(int(ex)); feats['offset_mapping'].append(off)
        feats['gold'].append((toks[0], toks[-1]) if toks else None)
    return feats

def test_qa_answers_recovers_gold_spans_across_windows():
    rows = [json.loads(l) for l in (SAMPLES/'qa.jsonl').read_text().splitlines()[:40]]
    ex = {k: [r[k] for r in rows] for k in ('id', 'question', 'context', 'answers')}
    tok = AutoTokenizer.from_pretrained(embedded_path())
    f = _features(tok, ex)
    assert len(f['input_ids']) > len(rows), 'contexts should need several windows'
    n = max(len(x) for x in f['input_ids'])
    S, E = np.full((len(f['gold']), n), -100.), np.full((len(f['gold']), n), -100.)
    for i, g in enumerate(f['gold']):
        S[i, :len(f['input_ids'][i])] = 0; E[i, :len(f['input_ids'][i])] = 0
        S[i, 0] = E[i, 0] = 50.  # [CLS] scores highest, as a model says "not in this window": must be ignored
        if g: S[i, g[0]] += 10; E[i, g[1]] += 10
    answers = qa_answers(S, E, f, ex)
    gold = [a['text'][0] for a in ex['answers']]
    assert squad(answers, ex['answers'])['exact_match'] == 100.0, [(a, g) for a, g in zip(answers, gold) if a != g][:3]
    # string ids matched against the examples' `id` column give the same answers
    f2 = dict(f, example_id=[ex['id'][i] for i in f['example_id']])
    assert qa_answers(S, E, f2, ex) == answers

def test_qa_answers_refuses_mismatched_logits():
    with pytest.raises(BadArgumentError, match='start rows'):
        qa_answers(np.zeros((2, 3)), np.zeros((2, 3)), {'example_id': [0], 'offset_mapping': [[None] * 3]}, {'context': ['x']})
    with pytest.raises(BadArgumentError, match="'offset_mapping'"):
        qa_answers(np.zeros((1, 3)), np.zeros((1, 3)), {'example_id': [0]}, {'context': ['x']})

# ── denoising ──
TEXT = ' '.join(['the cat sat on the mat and a dog ran in the garden'] * 4)

@pytest.mark.parametrize('style,noise', [('bart', 0.3), ('t5', 0.15)])
def test_denoise_hides_the_share_asked_and_is_seeded(style, noise):
    tok = toy_tokenizer(); ids = tok(TEXT)['input_ids']
    inp, lab, ok = denoise_collator(tok, style, seed=1).corrupt(ids)
    assert (inp, lab, ok) == denoise_collator(tok, style, seed=1).corrupt(ids)
    assert (inp, lab) != denoise_collator(tok, style, seed=2).corrupt(ids)[:2]
    hidden = round(noise * (len(ids) - 1))
    if style == 'bart':
        assert lab == ids and len(ids) - ok == hidden
        assert inp.count(tok.mask_token_id) >= 1 and inp[-1] == tok.eos_token_id
    else:
        sents = set(tok.convert_tokens_to_ids([f'<extra_id_{i}>' for i in range(10)]))
        sent = [t for t in lab if t in sents]
        assert len(lab) - len(sent) - 1 == hidden and sent == [t for t in inp if t in set(sent)]

def test_denoise_collator_needs_the_right_tokens():
    plain = AutoTokenizer.from_pretrained(embedded_path())  # BERT-style: a [MASK], no sentinels
    with pytest.raises(BadArgumentError, match='sentinel'): denoise_collator(plain, 't5')
    assert denoise_collator(plain, 'bart').tokenizer is plain
    with pytest.raises(BadArgumentError, match='style'): denoise_collator(plain, 'gpt')

def test_copy_baseline_is_the_kept_share():
    tok = toy_tokenizer(); rows = [{'input_ids': tok(TEXT)['input_ids']}] * 10
    b = copy_baseline(denoise_collator(tok, 'bart'), rows)
    n = len(rows[0]['input_ids'])
    assert b['token_accuracy'] == pytest.approx((n - round(0.3 * (n - 1))) / n)
    c = denoise_collator(tok, 'bart', seed=3); before = c.rng.bit_generator.state
    copy_baseline(c, rows); assert c.rng.bit_generator.state == before, 'the baseline must not move the training collator'
    batch = c(rows[:2])
    perfect = EvalPrediction(predictions=batch['labels'].clamp(min=0).numpy(), label_ids=batch['labels'].numpy())
    assert denoise_metrics(perfect)['token_accuracy'] == 1.0

def test_trainer_parts_for_question_answering(tmp_path):
    "The QA parts plug into a plain Trainer: evaluation maps the windows' scores back to answers and scores them."
    import torch
    from types import SimpleNamespace
    from datasets import Dataset
    from transformers import BertConfig, BertForQuestionAnswering
    from plmnb.seq2seq import trainer_parts
    rows = [json.loads(l) for l in (SAMPLES/'qa.jsonl').read_text().splitlines()[:6]]
    ex = Dataset.from_dict({k: [r[k] for r in rows] for k in ('id', 'question', 'context', 'answers')})
    tok = AutoTokenizer.from_pretrained(embedded_path())
    f = _features(tok, ex[:])
    feats = Dataset.from_dict({k: v for k, v in f.items() if k != 'gold'} | {'attention_mask': [[1] * len(x) for x in f['input_ids']],
                               'start_positions': [g[0] if g else 0 for g in f['gold']], 'end_positions': [g[1] if g else 0 for g in f['gold']]})
    torch.manual_seed(0)
    model = BertForQuestionAnswering(BertConfig(vocab_size=tok.vocab_size, hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                                                intermediate_size=64, max_position_embeddings=128))
    loaded = SimpleNamespace(task='question-answering', tokenizer=tok, max_tokens=128)
    parts = trainer_parts(loaded, SimpleNamespace(task='question-answering', validation=feats, data=SimpleNamespace(validation=ex)))
    args = parts.args_cls(output_dir=str(tmp_path), report_to=[], per_device_eval_batch_size=4, use_cpu=True, **parts.args)
    from transformers import DataCollatorWithPadding
    m = parts.trainer_cls(model=model, args=args, eval_dataset=feats, data_collator=DataCollatorWithPadding(tok),
                          compute_metrics=parts.compute_metrics).evaluate()
    assert 0 <= m['eval_exact_match'] <= 100 and 0 <= m['eval_f1'] <= 100
    shown = parts.examples(model)
    assert [r['source'] for r in shown] == ex['question'][:3] and [r['true'] for r in shown] == [a['text'][0] for a in ex['answers'][:3]]
    assert all(r['pred'] in c for r, c in zip(shown, ex['context'][:3]))
    # example_id as the examples' `id` strings (what data.prepare keeps) gives the same parts
    feats2 = feats.remove_columns('example_id').add_column('example_id', [ex['id'][i] for i in feats['example_id']])
    parts2 = trainer_parts(loaded, SimpleNamespace(task='question-answering', validation=feats2, data=SimpleNamespace(validation=ex)))
    assert parts2.examples(model) == shown

def test_trainer_parts_other_tasks_are_none():
    from types import SimpleNamespace
    from plmnb.seq2seq import trainer_parts
    assert trainer_parts(SimpleNamespace(task='text-classification'), None) is None

def test_trainer_parts_for_summarization_without_raw_examples():
    "Sources and references are decoded from the features when the raw examples are not at hand."
    import torch
    from types import SimpleNamespace
    from datasets import Dataset
    from transformers import BartConfig, BartForConditionalGeneration
    from plmnb.seq2seq import trainer_parts
    tok = toy_tokenizer(); torch.manual_seed(0)
    bart = BartForConditionalGeneration(BartConfig(vocab_size=len(tok), d_model=16, encoder_layers=1, decoder_layers=1, encoder_attention_heads=2,
        decoder_attention_heads=2, encoder_ffn_dim=32, decoder_ffn_dim=32, max_position_embeddings=64, pad_token_id=tok.pad_token_id,
        bos_token_id=tok.bos_token_id, eos_token_id=tok.eos_token_id, decoder_start_token_id=tok.eos_token_id))
    src, tgt = ['the cat sat on the mat', 'a dog ran'], ['cat on mat', 'dog ran']
    val = Dataset.from_dict({'input_ids': [tok(s)['input_ids'] for s in src], 'labels': [tok(t)['input_ids'] for t in tgt]})
    parts = trainer_parts(SimpleNamespace(task='translation', tokenizer=tok, max_tokens=64), SimpleNamespace(task='translation', validation=val, data=None))
    assert parts.args['generation_max_length'] == max(len(l) for l in val['labels']) + 8
    rows = parts.examples(bart)
    assert [(r['source'], r['true']) for r in rows] == list(zip(src, tgt)) and all(isinstance(r['pred'], str) for r in rows)
