package dev.lectern.muxemulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Repackages a progressive MP4 as fragmented MP4 for HLS without transcoding: an init segment (the movie header
 * with empty sample tables and {@code mvex}) and media segments of about {@link #TARGET_SECONDS} cut at video
 * key frames, each a {@code moof} (one {@code traf} per track) and an {@code mdat} copied from the file.
 */
final class Fmp4 {

    static final double TARGET_SECONDS = 4.0;

    private static final Set<String> CONTAINERS = Set.of("moov", "trak", "mdia", "minf", "stbl", "dinf", "edts");
    private static final int SYNC_FLAGS = 0x02000000;
    private static final int NON_SYNC_FLAGS = 0x01010000;

    /** A box: either raw content (leaf) or children. */
    private record Node(String type, byte[] content, List<Node> children) {
        Node child(String childType) {
            return children == null ? null : children.stream().filter(c -> c.type.equals(childType)).findFirst()
                    .orElse(null);
        }
    }

    record Track(int id, long timescale, boolean video, long[] offsets, int[] sizes, long[] dts, int[] durations,
                 int[] cto, boolean[] sync, boolean hasCto) {
        int count() {
            return sizes.length;
        }
    }

    /** Segment {@code i} holds samples {@code [first[t], end[t])} of track {@code t}. */
    record Segment(double duration, int[] first, int[] end) {
    }

    record Layout(byte[] init, List<Track> tracks, List<Segment> segments) {
        double targetDuration() {
            return segments.stream().mapToDouble(Segment::duration).max().orElse(TARGET_SECONDS);
        }
    }

    /** The file cannot be repackaged (not progressive, unusual sample tables). */
    static final class Unsupported extends Exception {
        Unsupported(String message) {
            super(message, null, false, false);
        }
    }

    private Fmp4() {
    }

    /** The packaging of the file's audio and video tracks. */
    static Layout layout(Path file) throws IOException, Unsupported {
        return layout(file, Set.of("vide", "soun"));
    }

    /** The packaging of the file's tracks with these handlers only ({@code vide}, {@code soun} or both). */
    static Layout layout(Path file, Set<String> handlers) throws IOException, Unsupported {
        Node moov = readMoov(file);
        List<Node> keptTraks = new ArrayList<>();
        List<Track> tracks = new ArrayList<>();
        for (Node trak : moov.children()) {
            if (!trak.type().equals("trak")) {
                continue;
            }
            Node mdia = trak.child("mdia");
            Node hdlr = mdia == null ? null : mdia.child("hdlr");
            Node mdhd = mdia == null ? null : mdia.child("mdhd");
            Node stbl = mdia == null || mdia.child("minf") == null ? null : mdia.child("minf").child("stbl");
            Node tkhd = trak.child("tkhd");
            if (hdlr == null || mdhd == null || stbl == null || tkhd == null) {
                continue;
            }
            String handler = new String(hdlr.content(), 8, 4, StandardCharsets.ISO_8859_1);
            if (!handlers.contains(handler)) {
                continue;
            }
            ByteBuffer tk = ByteBuffer.wrap(tkhd.content());
            int trackId = tk.getInt((tk.get(0) & 0xff) == 1 ? 20 : 12);
            ByteBuffer md = ByteBuffer.wrap(mdhd.content());
            long timescale = Integer.toUnsignedLong(md.getInt((md.get(0) & 0xff) == 1 ? 20 : 12));
            Track track = samples(trackId, timescale, handler.equals("vide"), stbl);
            if (track.count() == 0 || timescale == 0) {
                continue;
            }
            tracks.add(track);
            keptTraks.add(trak);
        }
        if (tracks.isEmpty()) {
            throw new Unsupported("no " + String.join(" or ", handlers) + " samples");
        }
        return new Layout(init(moov, keptTraks, tracks), tracks, plan(tracks));
    }

    // reading

    private static Node readMoov(Path file) throws IOException, Unsupported {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long position = 0;
            while (position + 8 <= size) {
                ByteBuffer header = ByteBuffer.allocate(16);
                channel.read(header, position);
                header.flip();
                Boxes.Header box = Boxes.header(header, 0, size - position);
                if (box == null || !box.fitsIn(size - position)) {
                    throw new Unsupported("truncated file");
                }
                String type = box.type();
                if (type.equals("moof")) {
                    throw new Unsupported("already fragmented");
                }
                if (type.equals("moov")) {
                    if (box.size() > 64L * 1024 * 1024) {
                        throw new Unsupported("moov too large");
                    }
                    ByteBuffer moov = ByteBuffer.allocate((int) (box.size() - box.length()));
                    channel.read(moov, position + box.length());
                    return new Node("moov", null, parse(moov.array(), 0, moov.capacity()));
                }
                position += box.size();
            }
        }
        throw new Unsupported("no moov");
    }

    private static List<Node> parse(byte[] bytes, int start, int end) throws Unsupported {
        List<Node> nodes = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int position = start;
        while (position + 8 <= end) {
            Boxes.Header box = Boxes.header(buffer, position, end - position);
            if (box == null || !box.fitsIn(end - position)) {
                throw new Unsupported("malformed box at byte " + position + " of moov");
            }
            String type = box.type();
            int contentStart = position + box.length();
            int contentEnd = (int) (position + box.size());
            if (CONTAINERS.contains(type)) {
                nodes.add(new Node(type, null, parse(bytes, contentStart, contentEnd)));
            } else {
                nodes.add(new Node(type, Arrays.copyOfRange(bytes, contentStart, contentEnd), null));
            }
            position = contentEnd;
        }
        return nodes;
    }

    private static Track samples(int id, long timescale, boolean video, Node stbl) throws Unsupported {
        Node stsz = stbl.child("stsz");
        Node stsc = stbl.child("stsc");
        Node stts = stbl.child("stts");
        Node stco = stbl.child("stco");
        Node co64 = stbl.child("co64");
        if (stsz == null || stsc == null || stts == null || (stco == null && co64 == null)) {
            throw new Unsupported("missing sample tables");
        }
        ByteBuffer sz = ByteBuffer.wrap(stsz.content());
        int fixed = sz.getInt(4);
        int count = sz.getInt(8);
        int[] sizes = new int[count];
        for (int i = 0; i < count; i++) {
            sizes[i] = fixed != 0 ? fixed : sz.getInt(12 + 4 * i);
        }
        // chunk offsets
        ByteBuffer co = ByteBuffer.wrap(stco != null ? stco.content() : co64.content());
        int chunks = co.getInt(4);
        long[] chunkOffsets = new long[chunks];
        for (int i = 0; i < chunks; i++) {
            chunkOffsets[i] = stco != null ? Integer.toUnsignedLong(co.getInt(8 + 4 * i)) : co.getLong(8 + 8 * i);
        }
        // sample offsets from sample-to-chunk runs
        ByteBuffer sc = ByteBuffer.wrap(stsc.content());
        int runs = sc.getInt(4);
        long[] offsets = new long[count];
        int sample = 0;
        for (int r = 0; r < runs && sample < count; r++) {
            int firstChunk = sc.getInt(8 + 12 * r) - 1;
            int perChunk = sc.getInt(12 + 12 * r);
            int lastChunk = r + 1 < runs ? sc.getInt(8 + 12 * (r + 1)) - 1 : chunks;
            for (int chunk = firstChunk; chunk < lastChunk && chunk < chunks && sample < count; chunk++) {
                long offset = chunkOffsets[chunk];
                for (int k = 0; k < perChunk && sample < count; k++) {
                    offsets[sample] = offset;
                    offset += sizes[sample];
                    sample++;
                }
            }
        }
        if (sample != count) {
            throw new Unsupported("sample tables do not add up");
        }
        // decode times
        ByteBuffer ts = ByteBuffer.wrap(stts.content());
        int[] durations = new int[count];
        long[] dts = new long[count];
        int entries = ts.getInt(4);
        int index = 0;
        for (int e = 0; e < entries && index < count; e++) {
            int n = ts.getInt(8 + 8 * e);
            int delta = ts.getInt(12 + 8 * e);
            for (int k = 0; k < n && index < count; k++) {
                durations[index++] = delta;
            }
        }
        long time = 0;
        for (int i = 0; i < count; i++) {
            dts[i] = time;
            time += Integer.toUnsignedLong(durations[i]);
        }
        // composition offsets
        int[] cto = new int[count];
        Node ctts = stbl.child("ctts");
        if (ctts != null) {
            ByteBuffer ct = ByteBuffer.wrap(ctts.content());
            int ctEntries = ct.getInt(4);
            index = 0;
            for (int e = 0; e < ctEntries && index < count; e++) {
                int n = ct.getInt(8 + 8 * e);
                int offset = ct.getInt(12 + 8 * e);
                for (int k = 0; k < n && index < count; k++) {
                    cto[index++] = offset;
                }
            }
        }
        // key frames
        boolean[] sync = new boolean[count];
        Node stss = stbl.child("stss");
        if (stss == null) {
            Arrays.fill(sync, true);
        } else {
            ByteBuffer ss = ByteBuffer.wrap(stss.content());
            int n = ss.getInt(4);
            for (int i = 0; i < n; i++) {
                int number = ss.getInt(8 + 4 * i) - 1;
                if (number >= 0 && number < count) {
                    sync[number] = true;
                }
            }
        }
        return new Track(id, timescale, video, offsets, sizes, dts, durations, cto, sync, ctts != null);
    }

    // planning

    /** Cut points at video key frames about every {@link #TARGET_SECONDS}; other tracks follow by time. */
    private static List<Segment> plan(List<Track> tracks) {
        Track lead = tracks.stream().filter(Track::video).findFirst().orElse(tracks.getFirst());
        List<Double> cuts = new ArrayList<>();
        cuts.add(0.0);
        double segmentStart = 0;
        for (int i = 1; i < lead.count(); i++) {
            double t = seconds(lead, lead.dts()[i]);
            if (lead.sync()[i] && t - segmentStart >= TARGET_SECONDS - 1e-9) {
                cuts.add(t);
                segmentStart = t;
            }
        }
        double end = tracks.stream().mapToDouble(t -> seconds(t, t.dts()[t.count() - 1] + t.durations()[t.count() - 1]))
                .max().orElse(0);
        List<Segment> segments = new ArrayList<>();
        int[] next = new int[tracks.size()];
        for (int s = 0; s < cuts.size(); s++) {
            boolean last = s == cuts.size() - 1;
            double until = last ? Double.MAX_VALUE : cuts.get(s + 1);
            int[] first = new int[tracks.size()];
            int[] stop = new int[tracks.size()];
            for (int t = 0; t < tracks.size(); t++) {
                Track track = tracks.get(t);
                first[t] = next[t];
                int i = next[t];
                while (i < track.count() && (last || seconds(track, track.dts()[i]) < until - 1e-9)) {
                    i++;
                }
                stop[t] = i;
                next[t] = i;
            }
            double duration = (last ? end : until) - cuts.get(s);
            segments.add(new Segment(duration, first, stop));
        }
        return segments;
    }

    private static double seconds(Track track, long ticks) {
        return ticks / (double) track.timescale();
    }

    // writing

    private static byte[] init(Node moov, List<Node> traks, List<Track> tracks) {
        List<Node> children = new ArrayList<>();
        for (Node child : moov.children()) {
            if (child.type().equals("trak")) {
                int index = traks.indexOf(child);
                if (index >= 0) {
                    children.add(withEmptySampleTables(child));
                }
            } else if (!child.type().equals("mvex")) {
                children.add(child);
            }
        }
        List<Node> trex = new ArrayList<>();
        for (Track track : tracks) {
            ByteBuffer content = ByteBuffer.allocate(24);
            content.putInt(0).putInt(track.id()).putInt(1).putInt(0).putInt(0).putInt(0);
            trex.add(new Node("trex", content.array(), null));
        }
        children.add(new Node("mvex", null, trex));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer ftyp = ByteBuffer.allocate(20);
        ftyp.put(ascii("iso6")).putInt(0x200).put(ascii("iso6")).put(ascii("isom")).put(ascii("mp41"));
        write(out, new Node("ftyp", ftyp.array(), null));
        write(out, new Node("moov", null, children));
        return out.toByteArray();
    }

    private static Node withEmptySampleTables(Node node) {
        if (node.children() == null) {
            return node;
        }
        if (node.type().equals("stbl")) {
            List<Node> tables = new ArrayList<>();
            tables.add(node.child("stsd"));
            tables.add(new Node("stts", new byte[8], null));
            tables.add(new Node("stsc", new byte[8], null));
            tables.add(new Node("stsz", new byte[12], null));
            tables.add(new Node("stco", new byte[8], null));
            return new Node("stbl", null, tables);
        }
        return new Node(node.type(), null, node.children().stream().map(Fmp4::withEmptySampleTables).toList());
    }

    private static void write(ByteArrayOutputStream out, Node node) {
        byte[] body;
        if (node.children() == null) {
            body = node.content();
        } else {
            ByteArrayOutputStream inner = new ByteArrayOutputStream();
            node.children().forEach(child -> write(inner, child));
            body = inner.toByteArray();
        }
        ByteBuffer header = ByteBuffer.allocate(8);
        header.putInt(body.length + 8).put(ascii(node.type()));
        out.writeBytes(header.array());
        out.writeBytes(body);
    }

    /** {@code moof} of segment {@code index}; its trun data offsets point into the mdat that follows. */
    private static byte[] moof(Layout layout, int index) {
        Segment segment = layout.segments().get(index);
        List<Track> tracks = layout.tracks();
        int moofSize = moofSize(layout, index);
        ByteBuffer moof = ByteBuffer.allocate(moofSize);
        moof.putInt(moofSize).put(ascii("moof"));
        moof.putInt(16).put(ascii("mfhd")).putInt(0).putInt(index + 1);
        long dataOffset = moofSize + 8L;
        for (int t = 0; t < tracks.size(); t++) {
            Track track = tracks.get(t);
            int first = segment.first()[t];
            int n = segment.end()[t] - first;
            if (n == 0) {
                continue;
            }
            boolean negative = false;
            for (int i = first; i < first + n; i++) {
                negative |= track.cto()[i] < 0;
            }
            moof.putInt(trafSize(track, n)).put(ascii("traf"));
            moof.putInt(16).put(ascii("tfhd")).putInt(0x020000).putInt(track.id());
            moof.putInt(20).put(ascii("tfdt")).putInt(0x01000000).putLong(track.dts()[first]);
            int flags = 0x000001 | 0x000100 | 0x000200 | 0x000400 | (track.hasCto() ? 0x000800 : 0);
            moof.putInt(trunSize(track, n)).put(ascii("trun")).putInt((negative ? 0x01000000 : 0) | flags)
                    .putInt(n).putInt((int) dataOffset);
            for (int i = first; i < first + n; i++) {
                moof.putInt(track.durations()[i]).putInt(track.sizes()[i])
                        .putInt(track.sync()[i] || !track.video() ? SYNC_FLAGS : NON_SYNC_FLAGS);
                if (track.hasCto()) {
                    moof.putInt(track.cto()[i]);
                }
                dataOffset += track.sizes()[i];
            }
        }
        return moof.array();
    }

    private static int moofSize(Layout layout, int index) {
        Segment segment = layout.segments().get(index);
        int size = 8 + 16;
        for (int t = 0; t < layout.tracks().size(); t++) {
            int n = segment.end()[t] - segment.first()[t];
            if (n > 0) {
                size += trafSize(layout.tracks().get(t), n);
            }
        }
        return size;
    }

    private static int trafSize(Track track, int samples) {
        return 8 + 16 + 20 + trunSize(track, samples);
    }

    private static int trunSize(Track track, int samples) {
        return 8 + 12 + samples * (track.hasCto() ? 16 : 12);
    }

    private static long mdatPayload(Layout layout, int index) {
        Segment segment = layout.segments().get(index);
        long bytes = 0;
        for (int t = 0; t < layout.tracks().size(); t++) {
            for (int i = segment.first()[t]; i < segment.end()[t]; i++) {
                bytes += layout.tracks().get(t).sizes()[i];
            }
        }
        return bytes;
    }

    static long segmentLength(Layout layout, int index) {
        return moofSize(layout, index) + 8L + mdatPayload(layout, index);
    }

    /** Writes {@code moof} + {@code mdat} of segment {@code index}, copying the samples from the file. */
    static void writeSegment(Layout layout, int index, Path file, OutputStream out) throws IOException {
        writeSegment(layout, index, file, out, 0, segmentLength(layout, index) - 1);
    }

    /**
     * Writes bytes {@code from} to {@code to} (inclusive) of segment {@code index}: the part of the {@code moof}
     * and {@code mdat} header in range, then the samples in range, read from the file only where needed.
     */
    static void writeSegment(Layout layout, int index, Path file, OutputStream out, long from, long to)
            throws IOException {
        byte[] moof = moof(layout, index);
        ByteBuffer head = ByteBuffer.allocate(moof.length + 8);
        head.put(moof).putInt((int) (mdatPayload(layout, index) + 8)).put(ascii("mdat"));
        byte[] header = head.array();
        if (from < header.length) {
            out.write(header, (int) from, (int) (Math.min(to + 1, header.length) - from));
        }
        out.flush();
        long position = header.length;
        Segment segment = layout.segments().get(index);
        WritableByteChannel target = Channels.newChannel(out);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int t = 0; t < layout.tracks().size() && position <= to; t++) {
                Track track = layout.tracks().get(t);
                int i = segment.first()[t];
                while (i < segment.end()[t] && position <= to) {
                    // a run of samples that are contiguous in the file
                    long start = track.offsets()[i];
                    long length = track.sizes()[i];
                    i++;
                    while (i < segment.end()[t] && track.offsets()[i] == start + length) {
                        length += track.sizes()[i];
                        i++;
                    }
                    long first = Math.max(from, position);
                    long last = Math.min(to, position + length - 1);
                    if (first <= last) {
                        copy(channel, start + first - position, last - first + 1, target);
                    }
                    position += length;
                }
            }
        }
    }

    /** The whole layout as one fragmented MP4 file: the init segment, then every media segment. */
    static void writeFile(Layout layout, Path file, OutputStream out) throws IOException {
        out.write(layout.init());
        for (int i = 0; i < layout.segments().size(); i++) {
            writeSegment(layout, i, file, out);
        }
    }

    private static void copy(FileChannel channel, long start, long length, WritableByteChannel target)
            throws IOException {
        long position = start;
        while (position < start + length) {
            long sent = channel.transferTo(position, start + length - position, target);
            if (sent <= 0) {
                throw new IOException("the upload is shorter than its sample tables");
            }
            position += sent;
        }
    }

    private static byte[] ascii(String fourCc) {
        return fourCc.getBytes(StandardCharsets.ISO_8859_1);
    }
}
