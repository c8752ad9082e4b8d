//! Writing pictures: PNG, animated GIF (one global palette, frames reduced to what changed and
//! LZW-compressed in parallel) and animated PNG. An animation is encoded a chunk of frames at a time
//! ([`Animation`]), so a background job can write it in slices, and each chunk goes straight to the
//! file: memory holds one chunk of frames, however many frames there are. Every file is written to
//! a temporary file beside the target and renamed at the end ([`optiscape_files::atomic`]), so a failure, a
//! cancel or a signal never leaves a partial file (in a browser the bytes collect in memory and
//! become a download).

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use rayon::prelude::*;
use tiny_skia::Pixmap;

use super::Frames;
use optiscape_core::sim::field::viridis;
use optiscape_files::atomic::Staged;

/// Reports progress (frames done, frames in all) and says whether to go on.
pub type Progress<'a> = &'a (dyn Fn(usize, usize) -> bool + Sync);

/// Why a picture could not be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    #[error("{0}")]
    Failed(String),
    /// The file itself could not be written (it names the file).
    #[error(transparent)]
    Write(#[from] optiscape_files::atomic::WriteError),
    #[error("cancelled")]
    Cancelled,
}

fn failed(what: &str, e: impl std::fmt::Display) -> ExportError {
    ExportError::Failed(format!("{what}: {e}"))
}

impl From<String> for ExportError {
    fn from(m: String) -> Self {
        Self::Failed(m)
    }
}

impl From<crate::error::PictureError> for ExportError {
    fn from(e: crate::error::PictureError) -> Self {
        Self::Failed(e.to_string())
    }
}

/// Writes through a temporary file beside `path`, renamed over it only when `write` succeeded.
fn atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<(), ExportError>,
) -> Result<(), ExportError> {
    optiscape_files::atomic::write(path, write)
}

/// The opaque RGB bytes of a pixmap (exported pictures have no transparency).
fn rgb_bytes(pix: &Pixmap) -> Vec<u8> {
    pix.data()
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect()
}

/// The picture's RGB bytes, packed in place over its RGBA ones (every picture here is opaque).
fn into_rgb(pix: Pixmap) -> Vec<u8> {
    let mut data = pix.take();
    let n = data.len() / 4;
    // Pixel i moves from 4i to 3i, never over a pixel not yet moved.
    for i in 0..n {
        data.copy_within(4 * i..4 * i + 3, 3 * i);
    }
    data.truncate(3 * n);
    data
}

/// Writes one picture as PNG.
pub fn write_png(pix: Pixmap, path: &Path) -> Result<(), ExportError> {
    let (width, height) = (pix.width(), pix.height());
    let data = into_rgb(pix);
    atomically(path, |out| {
        let mut enc = png::Encoder::new(out, width, height);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_compression(png::Compression::Fastest);
        let mut w = enc.write_header().map_err(|e| failed("PNG", e))?;
        w.write_image_data(&data).map_err(|e| failed("PNG", e))?;
        w.finish().map_err(|e| failed("PNG", e))
    })
}

/// The step shown in frame `i` of `frames`, spreading the run evenly.
pub fn frame_step(i: usize, frames: usize, last: usize) -> usize {
    if frames <= 1 {
        last
    } else {
        ((i as f64 / (frames - 1) as f64) * last as f64).round() as usize
    }
}

/// How many frames are rendered at once (memory stays bounded for long animations).
fn chunk() -> usize {
    2 * rayon::current_num_threads().max(1)
}

/// One palette for the whole animation: the exact colours the picture is drawn with (background,
/// text, run colours), 180 steps of the viridis map (so the filled contours stay smooth, with no visible
/// banding), 59 steps of viridis under the white isolines, and one transparent index.
struct Palette {
    colours: Vec<[u8; 3]>,
    rgb: Vec<u8>,
}

const TRANSPARENT: u8 = 255;

impl Palette {
    fn new(specials: &[[u8; 3]]) -> Self {
        let mut colours: Vec<[u8; 3]> = specials.iter().take(16).copied().collect();
        let ramp = 180;
        colours.extend((0..ramp).map(|i| viridis(i as f64 / (ramp - 1) as f64)));
        let left = 255 - colours.len();
        // Isolines are white at 70/255 over the map.
        colours.extend((0..left).map(|i| {
            let c = viridis(i as f64 / (left - 1).max(1) as f64);
            c.map(|v| ((u32::from(v) * 185 + 255 * 70 + 127) / 255) as u8)
        }));
        let mut rgb: Vec<u8> = colours.iter().flatten().copied().collect();
        rgb.resize(256 * 3, 0);
        Self { colours, rgb }
    }

    fn nearest(&self, p: [u8; 3]) -> u8 {
        let d = |c: &[u8; 3]| -> i32 {
            let (dr, dg, db) = (
                i32::from(c[0]) - i32::from(p[0]),
                i32::from(c[1]) - i32::from(p[1]),
                i32::from(c[2]) - i32::from(p[2]),
            );
            2 * dr * dr + 4 * dg * dg + 3 * db * db
        };
        self.colours
            .iter()
            .enumerate()
            .min_by_key(|(_, c)| d(c))
            .map_or(0, |(i, _)| i as u8)
    }

    fn index(&self, cache: &mut HashMap<[u8; 3], u8>, p: &[u8]) -> u8 {
        let key = [p[0], p[1], p[2]];
        *cache.entry(key).or_insert_with(|| self.nearest(key))
    }

    /// Frame `pix` as a GIF frame: the part that differs from `prev` (unchanged pixels transparent),
    /// LZW-compressed.
    fn frame(&self, pix: &Pixmap, prev: Option<&Pixmap>, delay: u16) -> gif::Frame<'static> {
        let (w, h) = (pix.width() as usize, pix.height() as usize);
        let cur = pix.data();
        let (x0, y0, x1, y1) = match prev {
            None => (0, 0, w, h),
            Some(p) => changed_box(cur, p.data(), w, h).unwrap_or((0, 0, 1, 1)),
        };
        let mut cache = HashMap::new();
        let mut indices = Vec::with_capacity((x1 - x0) * (y1 - y0));
        for y in y0..y1 {
            for x in x0..x1 {
                let i = (y * w + x) * 4;
                let same = prev.is_some_and(|p| p.data()[i..i + 4] == cur[i..i + 4]);
                indices.push(if same {
                    TRANSPARENT
                } else {
                    self.index(&mut cache, &cur[i..i + 4])
                });
            }
        }
        let mut frame = gif::Frame {
            delay,
            dispose: gif::DisposalMethod::Keep,
            transparent: Some(TRANSPARENT),
            left: x0 as u16,
            top: y0 as u16,
            width: (x1 - x0) as u16,
            height: (y1 - y0) as u16,
            buffer: std::borrow::Cow::Owned(indices),
            ..gif::Frame::default()
        };
        frame.make_lzw_pre_encoded();
        frame
    }
}

/// The bounding box (x0, y0, x1, y1) of the pixels that differ, if any.
fn changed_box(a: &[u8], b: &[u8], w: usize, h: usize) -> Option<(usize, usize, usize, usize)> {
    let (mut x0, mut y0, mut x1, mut y1) = (w, h, 0, 0);
    for y in 0..h {
        let row = y * w * 4..(y + 1) * w * 4;
        let (ra, rb) = (&a[row.clone()], &b[row]);
        if ra == rb {
            continue;
        }
        let first = ra
            .chunks_exact(4)
            .zip(rb.chunks_exact(4))
            .position(|(p, q)| p != q)
            .unwrap_or(0);
        let last = w
            - 1
            - ra.chunks_exact(4)
                .rev()
                .zip(rb.chunks_exact(4).rev())
                .position(|(p, q)| p != q)
                .unwrap_or(0);
        (x0, x1, y0, y1) = (x0.min(first), x1.max(last + 1), y0.min(y), y + 1);
    }
    (x1 > x0).then_some((x0, y0, x1, y1))
}

/// Writes `frames` frames at `fps` as an animated GIF.
pub fn write_gif(
    scene: &dyn Frames,
    frames: usize,
    fps: f64,
    path: &Path,
    progress: Progress<'_>,
) -> Result<(), ExportError> {
    write_animation(Animation::gif(scene, frames, fps, path)?, scene, progress)
}

/// Writes `frames` frames at `fps` as an animated PNG.
pub fn write_apng(
    scene: &dyn Frames,
    frames: usize,
    fps: f64,
    path: &Path,
    progress: Progress<'_>,
) -> Result<(), ExportError> {
    write_animation(Animation::apng(scene, frames, fps, path)?, scene, progress)
}

fn write_animation(
    mut animation: Animation,
    scene: &dyn Frames,
    progress: Progress<'_>,
) -> Result<(), ExportError> {
    while !animation.is_done() {
        let done = animation.advance(scene)?;
        if !progress(done, animation.frames()) {
            return Err(ExportError::Cancelled);
        }
    }
    animation.finish()
}

/// The file the encoder writes, shared so that the animation can take it back to commit it: the
/// PNG encoder keeps its writer to the end.
#[derive(Clone)]
struct Sink(Arc<Mutex<Staged>>);

impl Sink {
    fn new(path: &Path) -> Result<Self, ExportError> {
        Ok(Self(Arc::new(Mutex::new(Staged::new(path)?))))
    }

    fn lock(&self) -> MutexGuard<'_, Staged> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The file, once the encoder has let go of its copy.
    fn into_staged(self) -> Result<Staged, ExportError> {
        let Ok(staged) = Arc::try_unwrap(self.0) else {
            return Err(ExportError::Failed(
                "the encoder still holds the file".to_owned(),
            ));
        };
        Ok(staged.into_inner().unwrap_or_else(PoisonError::into_inner))
    }
}

impl Write for Sink {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.lock().write(bytes)
    }

    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.lock().write_all(bytes)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.lock().flush()
    }
}

enum Coder {
    Gif {
        enc: gif::Encoder<Sink>,
        palette: Palette,
        delay: u16,
    },
    Apng(png::Writer<Sink>),
}

/// An animation encoded a chunk of frames at a time, so that it can be written by a background job
/// in slices: the frames of a chunk are drawn (and, for GIF, compressed) in parallel, in order, and
/// written to the temporary file. [`Self::finish`] puts the file in place; dropped before, the
/// animation leaves nothing behind.
pub struct Animation {
    coder: Coder,
    out: Sink,
    frames: usize,
    next: usize,
    last: usize,
    previous: Option<Pixmap>,
}

impl Animation {
    /// A GIF of `frames` frames of `scene` at `fps`, to be written to `path`.
    pub fn gif(
        scene: &dyn Frames,
        frames: usize,
        fps: f64,
        path: &Path,
    ) -> Result<Self, ExportError> {
        let (w, h) = scene.size();
        if w > u32::from(u16::MAX) || h > u32::from(u16::MAX) {
            return Err(ExportError::Failed(
                "a GIF is at most 65535 pixels wide".into(),
            ));
        }
        let palette = Palette::new(&scene.colours());
        let delay = (100.0 / fps).round().clamp(1.0, 65535.0) as u16;
        let out = Sink::new(path)?;
        let mut enc = gif::Encoder::new(out.clone(), w as u16, h as u16, &palette.rgb)
            .map_err(|e| failed("GIF", e))?;
        enc.set_repeat(gif::Repeat::Infinite)
            .map_err(|e| failed("GIF", e))?;
        Ok(Self::of(
            scene,
            frames,
            Coder::Gif {
                enc,
                palette,
                delay,
            },
            out,
        ))
    }

    /// An animated PNG of `frames` frames of `scene` at `fps`, to be written to `path`.
    pub fn apng(
        scene: &dyn Frames,
        frames: usize,
        fps: f64,
        path: &Path,
    ) -> Result<Self, ExportError> {
        let (w, h) = scene.size();
        let frames = frames.max(1);
        let out = Sink::new(path)?;
        let mut enc = png::Encoder::new(out.clone(), w, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_compression(png::Compression::Fastest);
        enc.set_animated(frames as u32, 0)
            .map_err(|e| failed("APNG", e))?;
        let (num, den) = delay_fraction(fps);
        enc.set_frame_delay(num, den)
            .map_err(|e| failed("APNG", e))?;
        let writer = enc.write_header().map_err(|e| failed("APNG", e))?;
        Ok(Self::of(scene, frames, Coder::Apng(writer), out))
    }

    fn of(scene: &dyn Frames, frames: usize, coder: Coder, out: Sink) -> Self {
        Self {
            coder,
            out,
            frames,
            next: 0,
            last: scene.last_step(),
            previous: None,
        }
    }

    /// Frames in all.
    pub fn frames(&self) -> usize {
        self.frames
    }

    pub fn is_done(&self) -> bool {
        self.next >= self.frames
    }

    /// Draws, encodes and writes the next chunk of frames; returns how many frames are done.
    pub fn advance(&mut self, scene: &dyn Frames) -> Result<usize, ExportError> {
        let (start, end) = (self.next, (self.next + chunk()).min(self.frames));
        let (frames, last) = (self.frames, self.last);
        let chunk: Vec<Pixmap> = (start..end)
            .into_par_iter()
            .map(|i| scene.frame(frame_step(i, frames, last)))
            .collect();
        let before = self.previous.as_ref();
        match &mut self.coder {
            Coder::Gif {
                enc,
                palette,
                delay,
            } => {
                // Reducing to the changed box and LZW coding are independent per frame: all cores.
                let encoded: Vec<gif::Frame<'static>> = (0..chunk.len())
                    .into_par_iter()
                    .map(|k| {
                        let prev = if k == 0 { before } else { Some(&chunk[k - 1]) };
                        palette.frame(&chunk[k], prev, *delay)
                    })
                    .collect();
                for frame in &encoded {
                    enc.write_lzw_pre_encoded_frame(frame)
                        .map_err(|e| failed("GIF", e))?;
                }
            }
            Coder::Apng(writer) => {
                for pix in &chunk {
                    writer
                        .write_image_data(&rgb_bytes(pix))
                        .map_err(|e| failed("APNG", e))?;
                }
            }
        }
        // Out of the buffer and into the file, so that memory holds no more than this chunk.
        self.out
            .flush()
            .map_err(|e| ExportError::Failed(e.to_string()))?;
        self.previous = chunk.into_iter().last();
        self.next = end;
        Ok(end)
    }

    /// Ends the file and puts it in place of the target, once every frame is done.
    pub fn finish(self) -> Result<(), ExportError> {
        match self.coder {
            Coder::Gif { enc, .. } => drop(enc.into_inner().map_err(|e| failed("GIF", e))?),
            Coder::Apng(writer) => writer.finish().map_err(|e| failed("APNG", e))?,
        }
        self.out.into_staged()?.commit().map_err(ExportError::from)
    }
}

/// 1/fps seconds as a fraction with a 16-bit numerator and denominator.
fn delay_fraction(fps: f64) -> (u16, u16) {
    let fps = fps.clamp(0.01, 1000.0);
    if fps >= 1.0 {
        (100, (100.0 * fps).round().min(65535.0) as u16)
    } else {
        ((100.0 / fps).round().min(65535.0) as u16, 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_spread_the_steps_evenly() {
        assert_eq!(frame_step(0, 5, 100), 0);
        assert_eq!(frame_step(4, 5, 100), 100);
        assert_eq!(frame_step(2, 5, 100), 50);
        assert_eq!(frame_step(0, 1, 100), 100);
    }

    #[test]
    fn the_changed_box_is_tight() {
        let (w, h) = (10, 6);
        let a = vec![0u8; w * h * 4];
        let mut b = a.clone();
        assert_eq!(changed_box(&a, &b, w, h), None);
        b[(2 * w + 3) * 4] = 9;
        b[(4 * w + 7) * 4 + 2] = 9;
        assert_eq!(changed_box(&a, &b, w, h), Some((3, 2, 8, 5)));
    }

    #[test]
    fn delays_are_fractions_of_a_second() {
        assert_eq!(delay_fraction(25.0), (100, 2500));
        assert_eq!(delay_fraction(0.5), (200, 100));
    }

    /// A square moving across a plain background, one step per frame.
    struct Moving;

    const BACK: [u8; 3] = [20, 30, 40];
    const SQUARE: [u8; 3] = [250, 200, 0];

    impl Frames for Moving {
        fn frame(&self, step: usize) -> Pixmap {
            let (w, h) = self.size();
            let mut pix = Pixmap::new(w, h).unwrap();
            pix.fill(tiny_skia::Color::from_rgba8(BACK[0], BACK[1], BACK[2], 255));
            let x = (step * 3 % (w as usize - 8)) as f32;
            let rect = tiny_skia::Rect::from_xywh(x, 10.0, 8.0, 8.0).unwrap();
            let mut paint = tiny_skia::Paint::default();
            paint.set_color_rgba8(SQUARE[0], SQUARE[1], SQUARE[2], 255);
            pix.fill_rect(rect, &paint, tiny_skia::Transform::identity(), None);
            pix
        }

        fn picture(&self, _: usize) -> crate::picture::Picture {
            let (width, height) = self.size();
            crate::picture::Picture {
                width,
                height,
                background: BACK,
                items: Vec::new(),
            }
        }

        fn last_step(&self) -> usize {
            1000
        }

        fn size(&self) -> (u32, u32) {
            (120, 40)
        }

        fn colours(&self) -> Vec<[u8; 3]> {
            vec![BACK, SQUARE]
        }
    }

    /// The size of the one temporary file in `dir`, if there is one.
    fn temporary_size(dir: &Path) -> Option<u64> {
        let mut temps = std::fs::read_dir(dir).unwrap().filter_map(|e| {
            let e = e.unwrap();
            let name = e.file_name().to_string_lossy().into_owned();
            (name.starts_with(".optiscape-") && name.ends_with(".tmp"))
                .then(|| e.metadata().unwrap().len())
        });
        let size = temps.next();
        assert_eq!(temps.next(), None, "one temporary file at most");
        size
    }

    fn gif_frames(path: &Path) -> usize {
        let mut options = gif::DecodeOptions::new();
        options.set_color_output(gif::ColorOutput::Indexed);
        let mut decoder = options
            .read_info(std::fs::File::open(path).unwrap())
            .unwrap();
        let mut n = 0;
        while decoder.read_next_frame().unwrap().is_some() {
            n += 1;
        }
        n
    }

    fn apng_frames(path: &Path, frames: usize) -> usize {
        let file = std::io::BufReader::new(std::fs::File::open(path).unwrap());
        let mut reader = png::Decoder::new(file).read_info().unwrap();
        let declared = reader.info().animation_control().unwrap().num_frames as usize;
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        for _ in 0..frames {
            reader.next_frame(&mut buf).unwrap();
        }
        assert!(reader.next_frame(&mut buf).is_err(), "no frame beyond");
        declared
    }

    #[test]
    fn animations_go_to_the_file_a_chunk_at_a_time() {
        let frames = 3 * chunk() + 1;
        for gif in [true, false] {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join(if gif { "a.gif" } else { "a.png" });
            std::fs::write(&path, "old").unwrap();
            let mut animation = if gif {
                Animation::gif(&Moving, frames, 10.0, &path)
            } else {
                Animation::apng(&Moving, frames, 10.0, &path)
            }
            .unwrap();
            let mut sizes = Vec::new();
            while !animation.is_done() {
                animation.advance(&Moving).unwrap();
                sizes.push(temporary_size(dir.path()).expect("a temporary file"));
                assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
            }
            assert_eq!(sizes.len(), 4);
            assert!(sizes[0] > 0, "{sizes:?}");
            assert!(sizes.windows(2).all(|w| w[1] > w[0]), "{sizes:?}");
            animation.finish().unwrap();
            assert_eq!(temporary_size(dir.path()), None);
            // All but the end marker (GIF: 1 byte, PNG: 12) was on disk before the end.
            let size = std::fs::metadata(&path).unwrap().len();
            assert!(size - sizes[3] <= 12, "{size} after {sizes:?}");
            if gif {
                assert_eq!(gif_frames(&path), frames);
            } else {
                assert_eq!(apng_frames(&path, frames), frames);
            }
        }
    }

    #[test]
    fn an_animation_dropped_unfinished_leaves_the_old_file_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.gif");
        std::fs::write(&path, "old").unwrap();
        let mut animation = Animation::gif(&Moving, 4 * chunk(), 10.0, &path).unwrap();
        animation.advance(&Moving).unwrap();
        assert!(temporary_size(dir.path()).is_some());
        drop(animation);
        assert_eq!(temporary_size(dir.path()), None);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
