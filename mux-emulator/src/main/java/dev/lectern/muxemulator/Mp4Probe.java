package dev.lectern.muxemulator;

import dev.lectern.muxemulator.Store.Media;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads what Mux reports about a video from an ISO-BMFF (MP4/MOV) container: duration from {@code moov/mvhd},
 * frame size from the video track's {@code tkhd}, frame rate from its {@code stts}, audio channels from the
 * audio track's sample entry. Anything else is "not a video".
 */
final class Mp4Probe {

    /** The file is not a readable video; the message says why. */
    static final class NotAVideo extends Exception {
        NotAVideo(String message) {
            super(message, null, false, false);
        }
    }

    private static final Set<String> TOP_LEVEL = Set.of("ftyp", "moov", "mdat", "free", "skip", "wide", "pdin",
            "uuid", "styp", "meta", "moof", "mfra", "sidx", "pnot", "junk");
    private static final long MAX_MOOV = 64L * 1024 * 1024;

    private record Box(String type, int start, int end) {
    }

    private Mp4Probe() {
    }

    static Media probe(Path file) throws NotAVideo, IOException {
        ByteBuffer moov = null;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long position = 0;
            boolean first = true;
            while (position < size) {
                ByteBuffer header = ByteBuffer.allocate(16);
                channel.read(header, position);
                header.flip();
                Boxes.Header box = Boxes.header(header, 0, size - position);
                if (box == null) {
                    throw new NotAVideo("truncated box header at byte " + position);
                }
                String type = box.type();
                if (first && !TOP_LEVEL.contains(type)) {
                    throw new NotAVideo("not an MP4/MOV file");
                }
                first = false;
                if (!box.fitsIn(size - position)) {
                    throw new NotAVideo("box '" + printable(type) + "' runs past the end of the file");
                }
                if (type.equals("moov")) {
                    if (box.size() > MAX_MOOV) {
                        throw new NotAVideo("moov box too large");
                    }
                    moov = ByteBuffer.allocate((int) (box.size() - box.length()));
                    channel.read(moov, position + box.length());
                    moov.flip();
                }
                position += box.size();
            }
        }
        if (moov == null) {
            throw new NotAVideo("no moov box: the file has no playable movie");
        }
        try {
            return movie(moov);
        } catch (IndexOutOfBoundsException | java.nio.BufferUnderflowException malformed) {
            throw new NotAVideo("malformed moov box");
        }
    }

    private static Media movie(ByteBuffer moov) throws NotAVideo {
        List<Box> top = children(moov, 0, moov.limit());
        Box mvhd = find(top, "mvhd");
        if (mvhd == null) {
            throw new NotAVideo("no mvhd box");
        }
        double movieDuration = duration(moov, mvhd.start, 12, 20);
        Integer width = null;
        Integer height = null;
        Double frameRate = null;
        Double videoDuration = null;
        Integer channels = null;
        Double audioDuration = null;
        String videoCodec = null;
        String audioCodec = null;
        for (Box trak : top) {
            if (!trak.type.equals("trak")) {
                continue;
            }
            List<Box> trakChildren = children(moov, trak.start, trak.end);
            Box mdia = find(trakChildren, "mdia");
            Box tkhd = find(trakChildren, "tkhd");
            if (mdia == null || tkhd == null) {
                continue;
            }
            List<Box> mdiaChildren = children(moov, mdia.start, mdia.end);
            Box hdlr = find(mdiaChildren, "hdlr");
            Box mdhd = find(mdiaChildren, "mdhd");
            if (hdlr == null || mdhd == null) {
                continue;
            }
            String handler = Boxes.fourCc(moov, hdlr.start + 8);
            double trackDuration = duration(moov, mdhd.start, 12, 20);
            long trackTimescale = timescale(moov, mdhd.start, 12, 20);
            Box stbl = path(moov, mdiaChildren, "minf", "stbl");
            if (handler.equals("vide") && width == null) {
                int version = moov.get(tkhd.start) & 0xff;
                int sizeAt = tkhd.start + (version == 1 ? 88 : 76);
                int w = (int) Math.round(moov.getInt(sizeAt) / 65536.0);
                int h = (int) Math.round(moov.getInt(sizeAt + 4) / 65536.0);
                if (w > 0 && h > 0) {
                    width = w;
                    height = h;
                    videoDuration = trackDuration;
                    frameRate = stbl == null ? null : frameRate(moov, stbl, trackTimescale);
                    videoCodec = stbl == null ? null : codec(moov, stbl);
                }
            } else if (handler.equals("soun") && channels == null) {
                audioDuration = trackDuration;
                channels = stbl == null ? 2 : audioChannels(moov, stbl);
                audioCodec = stbl == null ? null : codec(moov, stbl);
            }
        }
        if (width == null && channels == null) {
            throw new NotAVideo("no video or audio track");
        }
        double total = movieDuration > 0 ? movieDuration
                : Math.max(videoDuration == null ? 0 : videoDuration, audioDuration == null ? 0 : audioDuration);
        if (total <= 0) {
            throw new NotAVideo("the movie has no duration");
        }
        return new Media(round(total), width, height, frameRate, videoDuration == null ? null : round(videoDuration),
                channels, audioDuration == null ? null : round(audioDuration),
                codecs(videoCodec, audioCodec, width != null, channels != null));
    }

    /** Audio first, then video, as Mux lists them; null if a track's codec is unknown. */
    private static String codecs(String video, String audio, boolean hasVideo, boolean hasAudio) {
        if ((hasVideo && video == null) || (hasAudio && audio == null)) {
            return null;
        }
        return hasAudio && hasVideo ? audio + "," + video : hasAudio ? audio : video;
    }

    /** The RFC 6381 codec of the track's first sample entry ({@code stsd}), null when unknown. */
    private static String codec(ByteBuffer buffer, Box stbl) {
        Box stsd = find(children(buffer, stbl.start, stbl.end), "stsd");
        if (stsd == null || stsd.end - stsd.start < 16 || buffer.getInt(stsd.start + 4) < 1) {
            return null;
        }
        int entry = stsd.start + 8;
        long size = Integer.toUnsignedLong(buffer.getInt(entry));
        if (size < 8 || entry + size > stsd.end) {
            return null;
        }
        return Codecs.sampleEntry(buffer, entry, (int) (entry + size));
    }

    /** {@code timescale} and {@code duration} of an mvhd/mdhd: after version/flags and two times (4 or 8 bytes). */
    private static double duration(ByteBuffer buffer, int start, int v0Offset, int v1Offset) {
        long timescale = timescale(buffer, start, v0Offset, v1Offset);
        if (timescale == 0) {
            return 0;
        }
        boolean v1 = (buffer.get(start) & 0xff) == 1;
        long duration = v1 ? buffer.getLong(start + v1Offset + 4) : Integer.toUnsignedLong(buffer.getInt(start + v0Offset + 4));
        if (duration < 0 || (!v1 && duration == 0xffffffffL)) {
            return 0;
        }
        return (double) duration / timescale;
    }

    private static long timescale(ByteBuffer buffer, int start, int v0Offset, int v1Offset) {
        boolean v1 = (buffer.get(start) & 0xff) == 1;
        return Integer.toUnsignedLong(buffer.getInt(start + (v1 ? v1Offset : v0Offset)));
    }

    private static Double frameRate(ByteBuffer buffer, Box stbl, long timescale) {
        Box stts = find(children(buffer, stbl.start, stbl.end), "stts");
        if (stts == null || timescale == 0) {
            return null;
        }
        long entries = Integer.toUnsignedLong(buffer.getInt(stts.start + 4));
        long samples = 0;
        long ticks = 0;
        for (int i = 0; i < entries; i++) {
            long count = Integer.toUnsignedLong(buffer.getInt(stts.start + 8 + i * 8));
            long delta = Integer.toUnsignedLong(buffer.getInt(stts.start + 12 + i * 8));
            samples += count;
            ticks += count * delta;
        }
        if (samples == 0 || ticks == 0) {
            return null;
        }
        return Math.round(samples * (double) timescale / ticks * 1000) / 1000.0;
    }

    private static Integer audioChannels(ByteBuffer buffer, Box stbl) {
        Box stsd = find(children(buffer, stbl.start, stbl.end), "stsd");
        if (stsd == null || buffer.getInt(stsd.start + 4) < 1) {
            return 2;
        }
        // first sample entry: size, type, 6 reserved + 2 data reference index, 8 reserved, then channelcount
        int entry = stsd.start + 8;
        int channels = buffer.getShort(entry + 24) & 0xffff;
        return channels > 0 ? channels : 2;
    }

    private static Box path(ByteBuffer buffer, List<Box> boxes, String... types) {
        Box box = null;
        List<Box> level = boxes;
        for (String type : types) {
            box = find(level, type);
            if (box == null) {
                return null;
            }
            level = children(buffer, box.start, box.end);
        }
        return box;
    }

    private static Box find(List<Box> boxes, String type) {
        for (Box box : boxes) {
            if (box.type.equals(type)) {
                return box;
            }
        }
        return null;
    }

    /** The boxes laid end to end in {@code [start, end)}; a box's start/end are its content, header excluded. */
    private static List<Box> children(ByteBuffer buffer, int start, int end) {
        List<Box> boxes = new ArrayList<>();
        int position = start;
        while (position + 8 <= end) {
            Boxes.Header box = Boxes.header(buffer, position, end - position);
            if (box == null) {
                throw new IndexOutOfBoundsException("box header cut off at byte " + position); // probe(): malformed moov
            }
            if (!box.fitsIn(end - position)) {
                break;
            }
            boxes.add(new Box(box.type(), position + box.length(), (int) (position + box.size())));
            position += (int) box.size();
        }
        return boxes;
    }

    private static String printable(String type) {
        return type.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? type : "?";
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1_000_000) / 1_000_000.0;
    }
}
