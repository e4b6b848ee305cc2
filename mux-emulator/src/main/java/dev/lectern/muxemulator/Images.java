package dev.lectern.muxemulator;

import dev.lectern.muxemulator.Store.AssetState;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Stand-in images: without a decoder the emulator cannot grab real frames, so it draws one (a gradient coloured
 * by the playback id, a play symbol, and a bar showing the position in the video) in the asset's aspect ratio.
 */
final class Images {

    static final int TILE_WIDTH = 160;
    static final int STORYBOARD_TILES = 10;

    private Images() {
    }

    static byte[] thumbnail(AssetState asset, String playbackId, double position, String format) {
        int width = 320;
        return encode(frame(playbackId, width, heightFor(asset, width), position / duration(asset)), format);
    }

    /** A grid of {@link #STORYBOARD_TILES} frames, 5 per row, {@link #TILE_WIDTH} wide. */
    static byte[] storyboard(AssetState asset, String playbackId) {
        int tileHeight = heightFor(asset, TILE_WIDTH);
        int rows = (STORYBOARD_TILES + 4) / 5;
        BufferedImage sheet = new BufferedImage(TILE_WIDTH * 5, tileHeight * rows, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        for (int i = 0; i < STORYBOARD_TILES; i++) {
            BufferedImage tile = frame(playbackId, TILE_WIDTH, tileHeight, i / (double) STORYBOARD_TILES);
            g.drawImage(tile, (i % 5) * TILE_WIDTH, (i / 5) * tileHeight, null);
        }
        g.dispose();
        return encode(sheet, "jpg");
    }

    /** WebVTT cues pointing at tiles of {@code storyboard.jpg}, as Mux's storyboard.vtt does. */
    static String storyboardVtt(AssetState asset, String imageUrl) {
        double duration = duration(asset);
        int tileHeight = heightFor(asset, TILE_WIDTH);
        StringBuilder vtt = new StringBuilder("WEBVTT\n\n");
        for (int i = 0; i < STORYBOARD_TILES; i++) {
            double start = duration * i / STORYBOARD_TILES;
            double end = duration * (i + 1) / STORYBOARD_TILES;
            vtt.append(time(start)).append(" --> ").append(time(end)).append('\n')
                    .append(imageUrl).append("#xywh=").append((i % 5) * TILE_WIDTH).append(',')
                    .append((i / 5) * tileHeight).append(',').append(TILE_WIDTH).append(',').append(tileHeight)
                    .append("\n\n");
        }
        return vtt.toString();
    }

    private static String time(double seconds) {
        long millis = Math.round(seconds * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", millis / 3_600_000, millis / 60_000 % 60,
                millis / 1000 % 60, millis % 1000);
    }

    private static double duration(AssetState asset) {
        return asset.media() == null || asset.media().duration() <= 0 ? 1 : asset.media().duration();
    }

    private static int heightFor(AssetState asset, int width) {
        if (asset.media() == null || asset.media().width() == null || asset.media().width() == 0) {
            return width * 9 / 16;
        }
        int height = (int) Math.round(width * (double) asset.media().height() / asset.media().width());
        return Math.max(2, Math.min(height, width * 4));
    }

    private static BufferedImage frame(String seed, int width, int height, double progress) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        float hue = (seed.hashCode() & 0xffff) / 65535f;
        g.setPaint(new GradientPaint(0, 0, Color.getHSBColor(hue, 0.6f, 0.55f), width, height,
                Color.getHSBColor(hue + 0.15f, 0.7f, 0.25f)));
        g.fillRect(0, 0, width, height);
        int size = Math.max(6, Math.min(width, height) / 4);
        int cx = width / 2;
        int cy = height / 2;
        g.setColor(new Color(255, 255, 255, 210));
        g.fillPolygon(new Polygon(new int[] {cx - size / 2, cx - size / 2, cx + size / 2},
                new int[] {cy - size / 2, cy + size / 2, cy}, 3));
        int bar = Math.max(2, height / 30);
        g.setColor(new Color(0, 0, 0, 120));
        g.fillRect(0, height - bar, width, bar);
        g.setColor(Color.WHITE);
        g.fillRect(0, height - bar, (int) Math.round(width * Math.max(0, Math.min(1, progress))), bar);
        g.dispose();
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format.equals("jpg") ? "jpeg" : format, out)) {
                throw new IllegalStateException("no image writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
