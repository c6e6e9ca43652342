package org.urad.envmon.ingest.console;

import java.util.List;

/**
 * Wells on a plain coordinate plot (no map tiles, so it works on a closed network): longitude and
 * latitude scaled into a fixed box, longitude shortened by the cosine of the mean latitude so that
 * distances look right. Pure.
 */
record WellPlot(int width, int height, List<Dot> dots, String west, String east, String south, String north) {

    static final int WIDTH = 640;
    static final int HEIGHT = 420;
    static final int MARGIN = 20;

    record Dot(String id, String name, String status, double x, double y) {}

    static WellPlot of(List<DeviceStatus> wells) {
        List<DeviceStatus> placed = wells.stream()
                .filter(w -> w.device().lon() != null && w.device().lat() != null)
                .toList();
        if (placed.isEmpty()) {
            return new WellPlot(WIDTH, HEIGHT, List.of(), "", "", "", "");
        }
        double west = placed.stream().mapToDouble(w -> w.device().lon()).min().orElseThrow();
        double east = placed.stream().mapToDouble(w -> w.device().lon()).max().orElseThrow();
        double south = placed.stream().mapToDouble(w -> w.device().lat()).min().orElseThrow();
        double north = placed.stream().mapToDouble(w -> w.device().lat()).max().orElseThrow();
        double squeeze = Math.cos(Math.toRadians((south + north) / 2));
        double spanX = Math.max((east - west) * squeeze, 1e-6);
        double spanY = Math.max(north - south, 1e-6);
        double scale = Math.min((WIDTH - 2 * MARGIN) / spanX, (HEIGHT - 2 * MARGIN) / spanY);
        double offsetX = (WIDTH - spanX * scale) / 2;
        double offsetY = (HEIGHT - spanY * scale) / 2;
        List<Dot> dots = placed.stream()
                .map(w -> new Dot(
                        w.device().id(),
                        w.device().name(),
                        w.status(),
                        round(offsetX + (w.device().lon() - west) * squeeze * scale),
                        round(HEIGHT - offsetY - (w.device().lat() - south) * scale)))
                .toList();
        return new WellPlot(WIDTH, HEIGHT, dots, deg(west), deg(east), deg(south), deg(north));
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static String deg(double v) {
        return "%.3f°".formatted(v);
    }
}
