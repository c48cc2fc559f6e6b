import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.zip.ZipFile;

/**
 * The embedding model's own output on the converter's sample inputs, by ONNX Runtime (the runtime
 * newsdesk serves with), for convert_weights.py to check the converted encoder against:
 *
 *     java -cp target/newsdesk.jar:$(cat target/classpath) train/OnnxReference.java MODEL.jar OUT.f32
 *
 * Writes last_hidden_state as little-endian float32, [2, 12, 384].
 */
public class OnnxReference {
    public static void main(String[] args) throws Exception {
        long[][] ids = {{101, 2040, 2056, 2009, 1029, 102, 1996, 2343, 2056, 2008, 1012, 102},
                        {101, 2129, 2521, 1029, 102, 2062, 2084, 8380, 2661, 1012, 102, 0}};
        long[][] mask = new long[2][12];
        long[][] types = new long[2][12];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 12; j++) {
                mask[i][j] = ids[i][j] == 0 ? 0 : 1;
                types[i][j] = j >= (i == 0 ? 6 : 5) && ids[i][j] != 0 ? 1 : 0;
            }
        }
        byte[] model;
        try (ZipFile jar = new ZipFile(args[0])) {
            var entry = jar.stream().filter(e -> e.getName().endsWith(".onnx")).findFirst().orElseThrow();
            model = jar.getInputStream(entry).readAllBytes();
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions());
             OnnxTensor a = OnnxTensor.createTensor(env, ids);
             OnnxTensor b = OnnxTensor.createTensor(env, mask);
             OnnxTensor c = OnnxTensor.createTensor(env, types);
             OrtSession.Result result = session.run(Map.of("input_ids", a, "attention_mask", b, "token_type_ids", c));
             DataOutputStream out = new DataOutputStream(new FileOutputStream(args[1]))) {
            float[][][] hidden = (float[][][]) result.get(0).getValue();
            ByteBuffer buffer = ByteBuffer.allocate(2 * 12 * hidden[0][0].length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (float[][] sequence : hidden) {
                for (float[] token : sequence) {
                    for (float v : token) {
                        buffer.putFloat(v);
                    }
                }
            }
            out.write(buffer.array());
        }
    }
}
