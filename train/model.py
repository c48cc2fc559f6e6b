"""The reader: a BERT encoder (the layout of all-MiniLM-L6-v2 and bge-small-en-v1.5) with a span head.

Written in plain PyTorch so that the same code runs here (Debian's torch) and on the training machine,
whatever version of transformers either has. The parameter names are BERT's, as the ONNX graphs of the
embedding models name them, so the converted weights load with no renaming.
"""
import math

import torch
from torch import nn
import torch.nn.functional as F


class Layer(nn.Module):
    def __init__(self, hidden, heads, intermediate, eps):
        super().__init__()
        self.heads = heads
        self.attention = nn.Module()
        self.attention.self = nn.Module()
        self.attention.self.query = nn.Linear(hidden, hidden)
        self.attention.self.key = nn.Linear(hidden, hidden)
        self.attention.self.value = nn.Linear(hidden, hidden)
        self.attention.output = nn.Module()
        self.attention.output.dense = nn.Linear(hidden, hidden)
        self.attention.output.LayerNorm = nn.LayerNorm(hidden, eps=eps)
        self.intermediate = nn.Module()
        self.intermediate.dense = nn.Linear(hidden, intermediate)
        self.output = nn.Module()
        self.output.dense = nn.Linear(intermediate, hidden)
        self.output.LayerNorm = nn.LayerNorm(hidden, eps=eps)

    def forward(self, x, bias):
        b, n, h = x.shape
        a = self.attention.self

        def split(t):
            return t.view(b, n, self.heads, h // self.heads).transpose(1, 2)

        q, k, v = split(a.query(x)), split(a.key(x)), split(a.value(x))
        scores = q @ k.transpose(-1, -2) / math.sqrt(h // self.heads) + bias
        context = (scores.softmax(-1) @ v).transpose(1, 2).reshape(b, n, h)
        x = self.attention.output.LayerNorm(x + self.attention.output.dense(context))
        inner = F.gelu(self.intermediate.dense(x))  # erf GELU, as BERT and both ONNX graphs
        return self.output.LayerNorm(x + self.output.dense(inner))


class Reader(nn.Module):
    """[CLS] question [SEP] passage [SEP] -> start and end logits per token; the [CLS] span means no answer."""

    def __init__(self, layers, hidden=384, heads=12, intermediate=1536, vocab=30522, positions=512, eps=1e-12):
        super().__init__()
        self.embeddings = nn.Module()
        self.embeddings.word_embeddings = nn.Embedding(vocab, hidden)
        self.embeddings.position_embeddings = nn.Embedding(positions, hidden)
        self.embeddings.token_type_embeddings = nn.Embedding(2, hidden)
        self.embeddings.LayerNorm = nn.LayerNorm(hidden, eps=eps)
        self.encoder = nn.Module()
        self.encoder.layer = nn.ModuleList(Layer(hidden, heads, intermediate, eps) for _ in range(layers))
        self.qa_outputs = nn.Linear(hidden, 2)

    def encode(self, input_ids, attention_mask, token_type_ids):
        e = self.embeddings
        positions = torch.arange(input_ids.shape[1], device=input_ids.device).unsqueeze(0)
        x = e.word_embeddings(input_ids) + e.position_embeddings(positions) + e.token_type_embeddings(token_type_ids)
        x = e.LayerNorm(x)
        # Padding is masked by a large negative bias, as the ONNX graphs do.
        bias = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * torch.finfo(x.dtype).min
        for layer in self.encoder.layer:
            x = layer(x, bias)
        return x

    def forward(self, input_ids, attention_mask, token_type_ids):
        logits = self.qa_outputs(self.encode(input_ids, attention_mask, token_type_ids))
        return logits[..., 0], logits[..., 1]


def layers_of(state):
    return 1 + max(int(k.split('.')[2]) for k in state if k.startswith('encoder.layer.'))
