package dev.newsdesk.read;

import java.util.Arrays;

/** A growable int array: the token arrays run to millions of entries. */
final class IntList {
    private int[] values = new int[1024];
    private int size;

    IntList(int... initial) {
        for (int v : initial) {
            add(v);
        }
    }

    void add(int v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    int size() {
        return size;
    }

    int get(int i) {
        return values[i];
    }

    int[] slice(int from, int to) {
        return Arrays.copyOfRange(values, from, to);
    }

    int[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
