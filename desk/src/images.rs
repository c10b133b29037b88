//! Images sent with contributions are never stored as sent: only JPEG, PNG and WebP are taken,
//! recognised by their first bytes, decoded under size limits (a small file can claim to be a
//! huge image), and re-encoded as a fresh JPEG. Only pixels cross over, so metadata (EXIF, GPS
//! position, camera serial numbers) and anything hidden in the file stay behind.

use std::fmt;
use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::error::{ImageError, LimitErrorKind};
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, RgbImage};

/// Widest or tallest image accepted.
pub const MAX_SIDE_IN: u32 = 8000;
/// Longest side of the stored image; larger ones are scaled down.
pub const MAX_SIDE_OUT: u32 = 2000;
/// Most memory the decoder may allocate.
pub const MAX_ALLOC: u64 = 256 * 1024 * 1024;
/// JPEG quality of the stored image.
pub const JPEG_QUALITY: u8 = 85;

/// Why an image was refused, in words for the sender.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageProblem {
    /// Not a JPEG, PNG or WebP file.
    NotAnImage,
    /// Wider or taller than [`MAX_SIDE_IN`], or too big to decode.
    TooLarge,
    /// Looks like an image but cannot be decoded.
    Broken,
}

impl fmt::Display for ImageProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImageProblem::NotAnImage => f.write_str("only JPEG, PNG and WebP images are accepted"),
            ImageProblem::TooLarge => write!(
                f,
                "the image is too large: at most {MAX_SIDE_IN} by {MAX_SIDE_IN} pixels"
            ),
            ImageProblem::Broken => f.write_str("the image file is damaged and cannot be read"),
        }
    }
}

impl std::error::Error for ImageProblem {}

/// Decodes `bytes` and returns a clean JPEG of the same picture: upright (the EXIF orientation
/// is applied before the EXIF is dropped), transparent areas on white, longest side at most
/// [`MAX_SIDE_OUT`].
pub fn reencode(bytes: &[u8]) -> Result<Vec<u8>, ImageProblem> {
    let format = sniff(bytes).ok_or(ImageProblem::NotAnImage)?;
    let picture = decode(bytes, format)?;
    let picture = if picture.width().max(picture.height()) > MAX_SIDE_OUT {
        // Scaling first keeps the flattening below cheap; `thumbnail` keeps the aspect ratio.
        picture.thumbnail(MAX_SIDE_OUT, MAX_SIDE_OUT)
    } else {
        picture
    };
    let flat = on_white(&picture);
    let mut out = Vec::new();
    flat.write_with_encoder(JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY))
        .map_err(|_| ImageProblem::Broken)?;
    Ok(out)
}

/// The format announced by the file's first bytes, among those accepted.
fn sniff(bytes: &[u8]) -> Option<ImageFormat> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(ImageFormat::Jpeg)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(ImageFormat::Png)
    } else if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        Some(ImageFormat::WebP)
    } else {
        None
    }
}

fn decode(bytes: &[u8], format: ImageFormat) -> Result<DynamicImage, ImageProblem> {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE_IN);
    limits.max_image_height = Some(MAX_SIDE_IN);
    limits.max_alloc = Some(MAX_ALLOC);
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits);
    // The dimension limits are checked here, from the header, before any pixel is decoded.
    let mut decoder = reader.into_decoder().map_err(problem)?;
    if decoder.total_bytes() > MAX_ALLOC {
        return Err(ImageProblem::TooLarge);
    }
    // Unreadable orientation metadata is no reason to refuse the picture.
    let orientation = decoder.orientation().ok();
    let mut picture = DynamicImage::from_decoder(decoder).map_err(problem)?;
    if let Some(orientation) = orientation {
        picture.apply_orientation(orientation);
    }
    Ok(picture)
}

fn problem(error: ImageError) -> ImageProblem {
    match error {
        ImageError::Limits(limit)
            if matches!(
                limit.kind(),
                LimitErrorKind::DimensionError | LimitErrorKind::InsufficientMemory
            ) =>
        {
            ImageProblem::TooLarge
        }
        _ => ImageProblem::Broken,
    }
}

/// The picture as 8-bit RGB, transparent parts composited over white.
fn on_white(picture: &DynamicImage) -> RgbImage {
    if !picture.color().has_alpha() {
        return picture.to_rgb8();
    }
    let rgba = picture.to_rgba8();
    RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let over_white = |c: u8| {
            let (c, a) = (u32::from(c), u32::from(a));
            // c·a + 255·(255 − a), divided by 255 with rounding; always ≤ 255.
            ((c * a + 255 * (255 - a) + 127) / 255) as u8
        };
        image::Rgb([over_white(r), over_white(g), over_white(b)])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::codecs::png::PngEncoder;
    use image::codecs::webp::WebPEncoder;
    use image::{GenericImageView, ImageEncoder, Rgb, Rgba, RgbaImage};

    fn png(picture: &RgbaImage) -> Vec<u8> {
        let mut out = Vec::new();
        picture
            .write_with_encoder(PngEncoder::new(&mut out))
            .expect("encode PNG");
        out
    }

    fn jpeg(picture: &RgbImage) -> Vec<u8> {
        let mut out = Vec::new();
        picture
            .write_with_encoder(JpegEncoder::new_with_quality(&mut out, 90))
            .expect("encode JPEG");
        out
    }

    fn decoded(bytes: &[u8]) -> DynamicImage {
        image::load_from_memory_with_format(bytes, ImageFormat::Jpeg).expect("decode output")
    }

    #[test]
    fn transparent_png_becomes_jpeg_on_white() {
        let picture = RgbaImage::from_fn(40, 20, |x, _| {
            if x < 20 {
                Rgba([0, 0, 0, 0])
            } else {
                Rgba([200, 0, 0, 255])
            }
        });
        let out = reencode(&png(&picture)).expect("re-encode");
        assert!(out.starts_with(&[0xFF, 0xD8]));
        let back = decoded(&out).to_rgb8();
        assert_eq!(back.dimensions(), (40, 20));
        let Rgb([r, g, b]) = *back.get_pixel(5, 10);
        assert!(
            r > 245 && g > 245 && b > 245,
            "transparent became white: {r} {g} {b}"
        );
        let Rgb([r, g, b]) = *back.get_pixel(35, 10);
        assert!(r > 180 && g < 30 && b < 30, "red stayed red: {r} {g} {b}");
    }

    #[test]
    fn webp_is_accepted() {
        let picture = RgbaImage::from_pixel(16, 16, Rgba([0, 128, 255, 255]));
        let mut webp = Vec::new();
        WebPEncoder::new_lossless(&mut webp)
            .write_image(picture.as_raw(), 16, 16, image::ExtendedColorType::Rgba8)
            .expect("encode WebP");
        let out = reencode(&webp).expect("re-encode");
        assert_eq!(decoded(&out).dimensions(), (16, 16));
    }

    #[test]
    fn large_images_are_scaled_down_keeping_the_aspect() {
        let picture = RgbImage::from_pixel(3000, 1500, Rgb([10, 200, 10]));
        let out = reencode(&jpeg(&picture)).expect("re-encode");
        assert_eq!(decoded(&out).dimensions(), (2000, 1000));
    }

    #[test]
    fn exif_is_dropped() {
        let clean = jpeg(&RgbImage::from_pixel(32, 32, Rgb([90, 90, 90])));
        // An APP1 segment right after the start-of-image marker, as cameras write it.
        let payload = b"Exif\0\0GPS 51.5072N 0.1276W secret-camera-serial";
        let length = u16::try_from(payload.len() + 2).expect("short segment");
        let mut with_exif = clean[..2].to_vec();
        with_exif.extend_from_slice(&[0xFF, 0xE1]);
        with_exif.extend_from_slice(&length.to_be_bytes());
        with_exif.extend_from_slice(payload);
        with_exif.extend_from_slice(&clean[2..]);
        let contains = |haystack: &[u8], needle: &[u8]| {
            haystack
                .windows(needle.len())
                .any(|window| window == needle)
        };
        assert!(contains(&with_exif, b"Exif"));
        let out = reencode(&with_exif).expect("re-encode");
        assert!(!contains(&out, b"Exif"));
        assert!(!contains(&out, b"secret"));
        assert_eq!(decoded(&out).dimensions(), (32, 32));
    }

    #[test]
    fn exif_orientation_is_applied_before_it_is_dropped() {
        let clean = jpeg(&RgbImage::from_pixel(40, 20, Rgb([90, 90, 90])));
        // Big-endian TIFF with one IFD entry: Orientation (0x0112) = 6, "rotate 90° clockwise".
        let mut payload = b"Exif\0\0MM\0\x2a\0\0\0\x08\0\x01".to_vec();
        payload.extend_from_slice(&[0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1, 0x00, 0x06, 0, 0]);
        payload.extend_from_slice(&[0, 0, 0, 0]);
        let length = u16::try_from(payload.len() + 2).expect("short segment");
        let mut with_exif = clean[..2].to_vec();
        with_exif.extend_from_slice(&[0xFF, 0xE1]);
        with_exif.extend_from_slice(&length.to_be_bytes());
        with_exif.extend_from_slice(&payload);
        with_exif.extend_from_slice(&clean[2..]);
        let out = reencode(&with_exif).expect("re-encode");
        assert_eq!(decoded(&out).dimensions(), (20, 40));
    }

    #[test]
    fn what_is_not_jpeg_png_or_webp_is_refused() {
        let gif = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;".to_vec();
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
        let html = b"<!doctype html><p>hello</p>";
        let text = b"just some text\n";
        for bad in [&gif[..], svg, html, text, b"", b"RIFF\0\0\0\0WAVE"] {
            assert_eq!(reencode(bad), Err(ImageProblem::NotAnImage));
        }
    }

    #[test]
    fn huge_dimensions_are_refused_before_decoding() {
        let wide = RgbaImage::from_pixel(9000, 10, Rgba([1, 2, 3, 255]));
        assert_eq!(reencode(&png(&wide)), Err(ImageProblem::TooLarge));
    }

    #[test]
    fn a_truncated_image_is_broken() {
        let whole = png(&RgbaImage::from_pixel(64, 64, Rgba([1, 2, 3, 255])));
        assert_eq!(reencode(&whole[..40]), Err(ImageProblem::Broken));
        assert_eq!(
            reencode(&[0xFF, 0xD8, 0xFF, 0x00]),
            Err(ImageProblem::Broken)
        );
    }

    #[test]
    fn problems_read_as_sentences() {
        assert_eq!(
            ImageProblem::NotAnImage.to_string(),
            "only JPEG, PNG and WebP images are accepted"
        );
    }
}
