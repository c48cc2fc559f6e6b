package dev.newsdesk.read;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes one-dimensional arrays as NumPy's {@code .npz} (a zip of {@code .npy} files, format 1.0), the
 * form the training script reads with {@code numpy.load}: no other library on either side.
 */
final class Npz implements AutoCloseable {

    private final ZipOutputStream zip;

    Npz(Path file) throws IOException {
        zip = new ZipOutputStream(Files.newOutputStream(file));
    }

    void ints(String name, int[] values) throws IOException {
        ByteBuffer data = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            data.putInt(v);
        }
        write(name, "<i4", values.length, data.array());
    }

    /** Token ids fit in two bytes (the vocabulary has 30,522 entries). */
    void shorts(String name, int[] values) throws IOException {
        ByteBuffer data = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            if (v < 0 || v > 0xFFFF) {
                throw new IllegalArgumentException(name + " holds " + v + ", which does not fit two bytes");
            }
            data.putShort((short) v);
        }
        write(name, "<u2", values.length, data.array());
    }

    private void write(String name, String dtype, int length, byte[] data) throws IOException {
        String header = "{'descr': '" + dtype + "', 'fortran_order': False, 'shape': (" + length + ",), }";
        // Magic, version 1.0, header length; the header is padded with spaces to a multiple of 64, ending in \n.
        int unpadded = 10 + header.length() + 1;
        header = header + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ZipEntry entry = new ZipEntry(name + ".npy");
        entry.setTime(0); // no clock in the file: the same data gives the same bytes
        zip.putNextEntry(entry);
        OutputStream out = zip;
        out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        byte[] h = header.getBytes(StandardCharsets.US_ASCII);
        out.write(new byte[] {(byte) (h.length & 0xFF), (byte) (h.length >> 8)});
        out.write(h);
        out.write(data);
        zip.closeEntry();
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
