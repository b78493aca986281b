/**
 * {@code read_images}: image files decoded with ImageIO (plus TwelveMonkeys for CMYK/YCCK JPEGs) into a
 * UINT8 fixed-shape tensor column, one row per file.
 */
package io.quiver.executor.source.image;
