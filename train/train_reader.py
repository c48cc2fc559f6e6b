"""Trains the reader: an extractive question-answering head on a pretrained encoder.

    python3 train/train_reader.py --weights minilm.npz --train squad1-train.npz --eval squad2-open.npz \
        --squad-eval squad-v2.0-open.json --out OUT [--epochs 2 --lr 1e-4 --seed 16 ...]

Inputs come from newsdesk itself (train/README.md): the encoder converted from its Maven jar by
convert_weights.py, and the examples tokenized by `newsdesk reader-data` with the serving tokenizer.
The script cuts examples into windows ([CLS] question [SEP] passage [SEP], at most --max-len tokens,
windows overlapping by --stride tokens), trains the start/end head and the encoder (the [CLS] span
means "no answer"), scores SQuAD 2.0's exact match and F1 on --squad-eval with the no-answer margin
chosen on --fit-articles and reported on the others, exports ONNX, quantizes it to int8 with ONNX
Runtime, and scores the int8 model the same way. Everything it writes goes to --out.
"""
import argparse
import collections
import json
import math
import os
import random
import re
import string
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import Reader, layers_of  # noqa: E402

CLS, SEP = 101, 102
MAX_ANSWER_TOKENS = 30


def log(*parts):
    print(time.strftime('%H:%M:%S'), *parts, flush=True)


def windows(question, context, max_len, stride):
    """The [start, end) passage slices that fit beside the question, overlapping by `stride` tokens."""
    room = max_len - len(question) - 3
    step = max(1, room - stride)
    spans = []
    start = 0
    while True:
        spans.append((start, min(start + room, len(context))))
        if start + room >= len(context):
            return spans
        start += step


def encode(question, passage):
    ids = np.concatenate([[CLS], question, [SEP], passage, [SEP]]).astype(np.int64)
    types = np.zeros(len(ids), dtype=np.int64)
    types[len(question) + 2:] = 1
    return ids, types


def build(data, max_len, stride, limit=None):
    """Training windows, padded to max_len: token ids, question lengths, and the answer's tokens in the
    window, or (0, 0) where the window lacks it."""
    co, qo = data['ctx_offsets'], data['q_offsets']
    ctx_tokens, q_tokens = data['ctx_tokens'].astype(np.int64), data['q_tokens'].astype(np.int64)
    rows, qlens, starts, ends = [], [], [], []
    n = len(data['ex_kind']) if limit is None else min(limit, len(data['ex_kind']))
    for i in range(n):
        c, q = data['ex_context'][i], data['ex_question'][i]
        context = ctx_tokens[co[c]:co[c + 1]]
        cs, ce = data['ex_cut_start'][i], data['ex_cut_end'][i]
        if cs >= 0:
            context = np.concatenate([context[:cs], context[ce + 1:]])
        question = q_tokens[qo[q]:qo[q + 1]]
        s, e = data['ex_start'][i], data['ex_end'][i]
        offset = len(question) + 2
        for ws, we in windows(question, context, max_len, stride):
            rows.append(encode(question, context[ws:we])[0])
            qlens.append(len(question))
            inside = s >= 0 and ws <= s and e < we
            starts.append(s - ws + offset if inside else 0)
            ends.append(e - ws + offset if inside else 0)
    ids = np.zeros((len(rows), max_len), dtype=np.int32)
    lengths = np.array([len(r) for r in rows])
    for i, r in enumerate(rows):
        ids[i, :len(r)] = r
    return ids, lengths, np.array(qlens), np.array(starts), np.array(ends)


def pad(rows, length):
    out = np.zeros((len(rows), length), dtype=np.int64)
    for i, r in enumerate(rows):
        out[i, :len(r)] = r
    return out


def batches(lengths, batch, rng):
    """Shuffled batches of similar lengths (less padding), in shuffled order."""
    order = rng.permutation(len(lengths))
    chunk = batch * 50
    out = []
    for i in range(0, len(order), chunk):
        part = sorted(order[i:i + chunk], key=lambda j: lengths[j])
        out.extend(np.array(part[k:k + batch]) for k in range(0, len(part), batch))
    rng.shuffle(out)
    return out


def train(model, data, args, device):
    ids, lengths, qlens, starts, ends = build(data, args.max_len, args.stride, args.limit)
    log(f'{len(ids)} training windows; {np.mean(starts == 0):.2f} without an answer;'
        f' {lengths.mean():.0f} tokens on average')
    ids_all = torch.from_numpy(ids).to(device)
    positions = torch.arange(args.max_len, device=device)
    lengths_all, qlens_all = torch.from_numpy(lengths).to(device), torch.from_numpy(qlens).to(device)
    starts_all, ends_all = torch.from_numpy(starts).to(device), torch.from_numpy(ends).to(device)
    rng = np.random.default_rng(args.seed)
    steps = args.epochs * math.ceil(len(ids) / args.batch)
    decay = [p for n, p in model.named_parameters() if not (n.endswith('bias') or 'LayerNorm' in n)]
    rest = [p for n, p in model.named_parameters() if n.endswith('bias') or 'LayerNorm' in n]
    optimizer = torch.optim.AdamW([{'params': decay, 'weight_decay': 0.01}, {'params': rest, 'weight_decay': 0.0}],
                                  lr=args.lr)
    plan = {'steps': steps, 'warmup': int(0.1 * steps)}

    def rate(s):  # linear warm-up over a tenth of the steps, then linear decay to zero
        w, n = plan['warmup'], plan['steps']
        return s / max(1, w) if s < w else max(0.0, (n - s) / max(1, n - w))

    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, rate)
    model.train()
    step, began = 0, time.time()
    autocast = torch.autocast('cuda', dtype=torch.bfloat16) if device.type == 'cuda' else torch.autocast('cpu', enabled=False)
    for epoch in range(args.epochs):
        for b in batches(lengths, args.batch, rng):
            length = int(lengths[b].max())
            b = torch.from_numpy(b).to(device)
            x = ids_all[b, :length].long()
            pos = positions[:length].unsqueeze(0)
            m = (pos < lengths_all[b, None]).long()
            t = ((pos > qlens_all[b, None] + 1) & (m == 1)).long()
            with autocast:
                start_logits, end_logits = model(x, m, t)
            start_logits = start_logits.float().masked_fill(m == 0, -1e4)
            end_logits = end_logits.float().masked_fill(m == 0, -1e4)
            loss = (F.cross_entropy(start_logits, starts_all[b]) + F.cross_entropy(end_logits, ends_all[b])) / 2
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            step += 1
            if step % 500 == 0:
                log(f'step {step}/{plan["steps"]} loss {loss.item():.3f} {step / (time.time() - began):.1f} steps/s')
            if step == 200:
                # Where the run would outlast --max-minutes, the schedule is shortened to fit (decay included).
                affordable = int(step / (time.time() - began) * args.max_minutes * 60)
                if affordable < steps:
                    plan['steps'] = affordable
                    log(f'--max-minutes {args.max_minutes}: {affordable} of {steps} steps')
            if step >= plan['steps']:
                model.eval()
                return step / steps
        log(f'epoch {epoch + 1} done, {time.time() - began:.0f} s')
    model.eval()
    return 1.0


# SQuAD 2.0's official measures (the evaluation script's normalisation, exact match and F1).
def normalize(text):
    text = ''.join(ch for ch in text.lower() if ch not in set(string.punctuation))
    text = re.sub(r'\b(a|an|the)\b', ' ', text)
    return ' '.join(text.split())


def f1(gold, pred):
    g, p = normalize(gold).split(), normalize(pred).split()
    if not g or not p:
        return float(g == p)
    common = sum((collections.Counter(g) & collections.Counter(p)).values())
    if common == 0:
        return 0.0
    precision, recall = common / len(p), common / len(g)
    return 2 * precision * recall / (precision + recall)


def squad_questions(path):
    """Every question of a SQuAD file in order: (article title, context, gold answers; [''] if unanswerable)."""
    out = []
    for article in json.load(open(path, encoding='utf-8'))['data']:
        for p in article['paragraphs']:
            for qa in p['qas']:
                golds = [a['text'] for a in qa['answers'] if normalize(a['text'])] or ['']
                out.append((article['title'], p['context'], golds))
    return out


def predictions(logits_of, data, args):
    """Per question of the eval file: (best span text, its score, the no-answer score)."""
    co, qo = data['ctx_offsets'], data['q_offsets']
    ctx_tokens, q_tokens = data['ctx_tokens'].astype(np.int64), data['q_tokens'].astype(np.int64)
    rows, owner = [], []
    for i in range(len(data['ex_kind'])):
        c, q = data['ex_context'][i], data['ex_question'][i]
        context, question = ctx_tokens[co[c]:co[c + 1]], q_tokens[qo[q]:qo[q + 1]]
        for ws, we in windows(question, context, args.max_len, args.stride):
            rows.append(encode(question, context[ws:we]))
            owner.append((i, c, ws, we, len(question) + 2))
    best = {}
    for k in range(0, len(rows), 64):
        part = rows[k:k + 64]
        length = max(len(r[0]) for r in part)
        x, t = pad([r[0] for r in part], length), pad([r[1] for r in part], length)
        start_logits, end_logits = logits_of(x, (x != 0).astype(np.int64), t)
        for j, (i, c, ws, we, offset) in enumerate(owner[k:k + 64]):
            s, e = start_logits[j], end_logits[j]
            null = float(s[0] + e[0])
            n = we - ws
            top_s = np.argsort(s[offset:offset + n])[::-1][:20]
            top_e = np.argsort(e[offset:offset + n])[::-1][:20]
            span, score = None, -1e9
            for a in top_s:
                for b in top_e:
                    if a <= b < a + MAX_ANSWER_TOKENS and s[offset + a] + e[offset + b] > score:
                        span, score = (ws + a, ws + b), float(s[offset + a] + e[offset + b])
            prev = best.get(i)
            text_span = None if span is None else (c, span)
            if prev is None:
                best[i] = [text_span, score, null]
            else:
                if score > prev[1]:
                    prev[0], prev[1] = text_span, score
                prev[2] = min(prev[2], null)
    out = {}
    for i, (span, score, null) in best.items():
        text = ''
        if span is not None:
            c, (a, b) = span
            base = co[c]
            text = (c, int(data['ctx_starts'][base + a]), int(data['ctx_ends'][base + b]))
        out[int(data['ex_source'][i])] = (text, score, null)
    return out


def score(preds, questions, fit_titles):
    """EM/F1 (all, answerable, unanswerable) on the held-out articles, the margin chosen on the fit ones.

    A question is answered when its best span beats the no-answer score by more than the margin."""
    def rows(keep):
        out = []
        for k, (title, context, golds) in enumerate(questions):
            if (title in fit_titles) == keep:
                text, s, null = preds.get(k, ('', -1e9, 0.0))
                answer = '' if text == '' else context[text[1]:text[2]]
                # Exact match and F1 if the span is said, and if nothing is.
                out.append((max(float(normalize(g) == normalize(answer)) for g in golds), max(f1(g, answer) for g in golds),
                            float(golds == ['']), float(golds == ['']), null - s, golds != ['']))
        return np.array(out, dtype=np.float64).reshape(-1, 6)

    def measure(r, margin):
        said = r[:, 4] <= margin
        em = np.where(said, r[:, 0], r[:, 2]) * 100
        fs = np.where(said, r[:, 1], r[:, 3]) * 100
        has = r[:, 5] == 1
        mean = lambda a: float(a.mean()) if len(a) else None
        return {'exact': mean(em), 'f1': mean(fs), 'HasAns_exact': mean(em[has]), 'HasAns_f1': mean(fs[has]),
                'NoAns_exact': mean(em[~has]), 'NoAns_f1': mean(fs[~has]), 'total': len(r)}

    fit, held = rows(True), rows(False)
    margins = np.unique(np.concatenate([fit[:, 4], [0.0]]))
    best = max(margins, key=lambda m: measure(fit, m)['f1'])
    return {'margin': float(best), 'fit': measure(fit, best), 'held_out': measure(held, best),
            'held_out_margin_0': measure(held, 0.0)}


def export(model, path):
    model = model.float().cpu().eval()
    x = torch.tensor([[CLS, 2040, SEP, 1996, SEP]])
    names = ['input_ids', 'attention_mask', 'token_type_ids']
    axes = {n: {0: 'batch', 1: 'tokens'} for n in names + ['start_logits', 'end_logits']}
    inputs = (x, torch.ones_like(x), torch.tensor([[0, 0, 0, 1, 1]]))
    common = dict(input_names=names, output_names=['start_logits', 'end_logits'], dynamic_axes=axes)
    try:  # the TorchScript exporter, which torch 1.13 (here) and 2.x (there) both have
        try:
            torch.onnx.export(model, inputs, path, opset_version=14, dynamo=False, **common)
        except TypeError:  # a torch from before the dynamo switch
            torch.onnx.export(model, inputs, path, opset_version=14, **common)
    except Exception as e:  # a torch without it: the dynamo exporter
        log(f'TorchScript export failed ({e}); exporting with dynamo')
        torch.onnx.export(model, inputs, path, opset_version=18, dynamo=True, **common)


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--weights', required=True)
    p.add_argument('--train', required=True)
    p.add_argument('--eval', required=True)
    p.add_argument('--squad-eval', required=True)
    p.add_argument('--fit-articles', default='Computational_complexity_theory,Harvard_University,Islamism,Steam_engine')
    p.add_argument('--out', required=True)
    p.add_argument('--epochs', type=int, default=2)
    p.add_argument('--lr', type=float, default=1e-4)
    p.add_argument('--batch', type=int, default=32)
    p.add_argument('--max-len', type=int, default=256)
    p.add_argument('--stride', type=int, default=128)
    p.add_argument('--seed', type=int, default=16)
    p.add_argument('--limit', type=int, default=None, help='train on the first N examples only (a smoke test)')
    p.add_argument('--max-minutes', type=float, default=1e9, help='stop training after this long (a safety net)')
    p.add_argument('--no-int8', action='store_true', help='skip quantization (run it later with --int8-only)')
    p.add_argument('--int8-only', action='store_true', help='quantize and score --out/reader-fp32.onnx only')
    args = p.parse_args()
    os.makedirs(args.out, exist_ok=True)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    device = torch.device('cuda' if torch.cuda.is_available() else 'cpu')
    log(f'torch {torch.__version__} on {device}; {vars(args)}')

    data = dict(np.load(args.eval))  # an NpzFile reads its arrays again on every access
    questions = squad_questions(args.squad_eval)
    fit_titles = set(args.fit_articles.split(','))
    metrics_file = os.path.join(args.out, 'metrics.json')
    fp32 = os.path.join(args.out, 'reader-fp32.onnx')
    if args.int8_only:
        results = json.load(open(metrics_file))
    else:
        state = {k: torch.tensor(v.astype(np.float32)) for k, v in np.load(args.weights).items()}
        model = Reader(layers_of(state))
        model.load_state_dict(state, strict=False)
        torch.nn.init.normal_(model.qa_outputs.weight, std=0.02)
        torch.nn.init.zeros_(model.qa_outputs.bias)
        model.to(device)
        began = time.time()
        trained = train(model, dict(np.load(args.train)), args, device)

        def torch_logits(x, m, t):
            with torch.no_grad():
                s, e = model(torch.from_numpy(x).to(device), torch.from_numpy(m).to(device),
                             torch.from_numpy(t).to(device))
            return s.float().cpu().numpy(), e.float().cpu().numpy()

        results = {'args': vars(args), 'trained_share': trained, 'train_seconds': time.time() - began,
                   'fp32': score(predictions(torch_logits, data, args), questions, fit_titles)}
        log('fp32', json.dumps(results['fp32']))
        # The trained weights in half precision, to export again by hand should anything below fail.
        np.savez(os.path.join(args.out, 'reader-fp16.npz'),
                 **{k: v.detach().cpu().half().numpy() for k, v in model.state_dict().items()})
        export(model, fp32)
        log('exported', fp32, os.path.getsize(fp32))
        json.dump(results, open(metrics_file, 'w'), indent=2)
    if not args.no_int8:
        import onnxruntime
        from onnxruntime.quantization import QuantType, quantize_dynamic
        int8 = os.path.join(args.out, 'reader-int8.onnx')
        # As LangChain4j's int8 embedding models: int8 weights per channel, embeddings quantized too.
        quantize_dynamic(fp32, int8, per_channel=True, weight_type=QuantType.QInt8)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = min(8, os.cpu_count())
        session = onnxruntime.InferenceSession(int8, options, providers=['CPUExecutionProvider'])

        def int8_logits(x, m, t):
            return session.run(None, {'input_ids': x, 'attention_mask': m, 'token_type_ids': t})

        results['int8'] = score(predictions(int8_logits, data, args), questions, fit_titles)
        results['int8_bytes'] = os.path.getsize(int8)
        log('int8', json.dumps(results['int8']))
        json.dump(results, open(metrics_file, 'w'), indent=2)


if __name__ == '__main__':
    main()
