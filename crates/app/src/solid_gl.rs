//! The 3-D view on the GPU, through eframe's glow back-end (OpenGL 3.3 on a desktop, WebGL2 in a
//! browser): a paint callback draws a [`GpuFrame`] into the view's rectangle. The surface and the
//! trails are uploaded when their buffers change (a new surface, view or colour scale; a changed
//! run); a frame in which only the step moved uploads the stretches from each trail's last kept point
//! to its ball, a few dozen numbers. Trails are instanced segments, widened to round capsules of the
//! CPU view's widths in pixels. The balls are not drawn here: they are items of the chrome, painted
//! over the markers as on the contour map.

use std::sync::{Arc, Mutex};

use eframe::egui_glow;
use eframe::glow::{self, HasContext};

use optiscape_picture::view3d::{GpuFrame, MeshBuffers, Trails, Uploads};

#[path = "solid_gl_shaders.rs"]
mod shaders;
use shaders::{
    BIASED, FLAT_FS, HEADER_DESKTOP, HEADER_WEB, LINES_VS, SEGMENT_FS, SEGMENT_VS, SURFACE_FS,
    SURFACE_VS,
};

/// The renderer's state, shared between the app (which reads whether it failed) and the paint
/// callbacks (which create it on first use, from the context they are given).
#[derive(Default)]
pub enum GlSlot {
    #[default]
    NotStarted,
    Ready(Box<GlBlock>),
    Failed(String),
}

pub type SharedGl = Arc<Mutex<GlSlot>>;

/// The paint callback that draws `frame` with the renderer in `slot`.
pub fn callback(rect: egui::Rect, slot: SharedGl, frame: GpuFrame) -> egui::PaintCallback {
    egui::PaintCallback {
        rect,
        callback: Arc::new(egui_glow::CallbackFn::new(move |info, painter| {
            let Ok(mut slot) = slot.lock() else { return };
            if matches!(*slot, GlSlot::NotStarted) {
                *slot = match GlBlock::new(painter.gl()) {
                    Ok(block) => GlSlot::Ready(Box::new(block)),
                    Err(e) => GlSlot::Failed(e),
                };
            }
            if let GlSlot::Ready(block) = &mut *slot {
                block.paint(painter.gl(), &frame, &info);
            }
        })),
    }
}

/// The uploads so far, if the renderer runs.
pub fn uploads(slot: &SharedGl) -> Option<Uploads> {
    match &*slot.lock().ok()? {
        GlSlot::Ready(block) => Some(block.uploads),
        _ => None,
    }
}

/// Why the renderer could not start, if it could not.
pub fn failure(slot: &SharedGl) -> Option<String> {
    match &*slot.lock().ok()? {
        GlSlot::Failed(why) => Some(why.clone()),
        _ => None,
    }
}

/// GL objects of the 3-D view.
pub struct GlBlock {
    surface: Program,
    lines: Program,
    segments: Program,
    mesh_vao: glow::VertexArray,
    mesh_vbo: glow::Buffer,
    mesh_ebo: glow::Buffer,
    index_count: i32,
    iso_vao: glow::VertexArray,
    iso_vbo: glow::Buffer,
    iso_count: i32,
    /// The segments' corners (a unit quad) and the instanced segment ends.
    corner_vbo: glow::Buffer,
    segment_vao: glow::VertexArray,
    trails_vbo: glow::Buffer,
    tails_vbo: glow::Buffer,
    /// The buffers now on the GPU (held, so a new one is never taken for an old one).
    uploaded: Option<(Arc<MeshBuffers>, Arc<Trails>)>,
    pub uploads: Uploads,
}

struct Program {
    id: glow::Program,
    uniforms: Vec<(&'static str, Option<glow::UniformLocation>)>,
}

impl Program {
    fn at(&self, name: &str) -> Option<&glow::UniformLocation> {
        self.uniforms
            .iter()
            .find(|(n, _)| *n == name)
            .and_then(|(_, u)| u.as_ref())
    }
}

/// Segment widths as the CPU view draws them: a 5-pixel dark edge under a 3-pixel line.
const OUTLINE_RADIUS: f32 = 2.6;
const LINE_RADIUS: f32 = 1.6;

unsafe fn compile(
    gl: &glow::Context,
    vs: &str,
    fs: &str,
    uniforms: &[&'static str],
) -> Result<Program, String> {
    let header = if cfg!(target_arch = "wasm32") {
        HEADER_WEB
    } else {
        HEADER_DESKTOP
    };
    unsafe {
        let program = gl.create_program()?;
        let mut shaders = Vec::new();
        for (kind, body) in [
            (glow::VERTEX_SHADER, format!("{BIASED}{vs}")),
            (glow::FRAGMENT_SHADER, fs.to_owned()),
        ] {
            let shader = gl.create_shader(kind)?;
            gl.shader_source(shader, &format!("{header}{body}"));
            gl.compile_shader(shader);
            if !gl.get_shader_compile_status(shader) {
                return Err(format!(
                    "a shader did not compile: {}",
                    gl.get_shader_info_log(shader)
                ));
            }
            gl.attach_shader(program, shader);
            shaders.push(shader);
        }
        gl.link_program(program);
        if !gl.get_program_link_status(program) {
            return Err(format!(
                "a program did not link: {}",
                gl.get_program_info_log(program)
            ));
        }
        for s in shaders {
            gl.detach_shader(program, s);
            gl.delete_shader(s);
        }
        let uniforms = uniforms
            .iter()
            .map(|&n| (n, gl.get_uniform_location(program, n)))
            .collect();
        Ok(Program {
            id: program,
            uniforms,
        })
    }
}

/// Binds `attribute` of `program` to `buffer` at `offset` bytes, `size` floats every `stride` bytes,
/// advancing per instance if `instanced`.
#[allow(clippy::too_many_arguments)]
unsafe fn attribute(
    gl: &glow::Context,
    program: &Program,
    name: &str,
    buffer: glow::Buffer,
    size: i32,
    stride: i32,
    offset: i32,
    instanced: bool,
) {
    unsafe {
        let Some(at) = gl.get_attrib_location(program.id, name) else {
            return;
        };
        gl.bind_buffer(glow::ARRAY_BUFFER, Some(buffer));
        gl.enable_vertex_attrib_array(at);
        gl.vertex_attrib_pointer_f32(at, size, glow::FLOAT, false, stride, offset);
        gl.vertex_attrib_divisor(at, u32::from(instanced));
    }
}

fn bytes<T: bytemuck::Pod>(v: &[T]) -> &[u8] {
    bytemuck::cast_slice(v)
}

const SHARED: [&str; 3] = ["u_m", "u_eye", "u_bias"];

impl GlBlock {
    fn new(gl: &glow::Context) -> Result<Self, String> {
        let with = |extra: &[&'static str]| -> Vec<&'static str> {
            SHARED.iter().chain(extra).copied().collect()
        };
        unsafe {
            let surface = compile(gl, SURFACE_VS, SURFACE_FS, &with(&[]))?;
            let lines = compile(gl, LINES_VS, FLAT_FS, &with(&["u_rgba"]))?;
            let segments = compile(
                gl,
                SEGMENT_VS,
                SEGMENT_FS,
                &with(&["u_size", "u_radius", "u_rgba"]),
            )?;
            let vao = || gl.create_vertex_array();
            let vbo = || gl.create_buffer();
            let [mesh_vao, iso_vao, segment_vao] = [(); 3].map(|()| vao());
            let [
                mesh_vbo,
                mesh_ebo,
                iso_vbo,
                corner_vbo,
                trails_vbo,
                tails_vbo,
            ] = [(); 6].map(|()| vbo());
            let block = Self {
                surface,
                lines,
                segments,
                mesh_vao: mesh_vao?,
                mesh_vbo: mesh_vbo?,
                mesh_ebo: mesh_ebo?,
                index_count: 0,
                iso_vao: iso_vao?,
                iso_vbo: iso_vbo?,
                iso_count: 0,
                corner_vbo: corner_vbo?,
                segment_vao: segment_vao?,
                trails_vbo: trails_vbo?,
                tails_vbo: tails_vbo?,
                uploaded: None,
                uploads: Uploads::default(),
            };
            let corners: [f32; 8] = [0.0, -1.0, 0.0, 1.0, 1.0, -1.0, 1.0, 1.0];
            gl.bind_buffer(glow::ARRAY_BUFFER, Some(block.corner_vbo));
            gl.buffer_data_u8_slice(glow::ARRAY_BUFFER, bytes(&corners), glow::STATIC_DRAW);
            gl.bind_vertex_array(Some(block.mesh_vao));
            attribute(gl, &block.surface, "a_pos", block.mesh_vbo, 3, 24, 0, false);
            attribute(
                gl,
                &block.surface,
                "a_rgb",
                block.mesh_vbo,
                3,
                24,
                12,
                false,
            );
            gl.bind_buffer(glow::ELEMENT_ARRAY_BUFFER, Some(block.mesh_ebo));
            gl.bind_vertex_array(Some(block.iso_vao));
            attribute(gl, &block.lines, "a_pos", block.iso_vbo, 3, 12, 0, false);
            gl.bind_vertex_array(None);
            Ok(block)
        }
    }

    fn upload(&mut self, gl: &glow::Context, frame: &GpuFrame) {
        let (mesh_same, trails_same) = match &self.uploaded {
            Some((m, t)) => (Arc::ptr_eq(m, &frame.mesh), Arc::ptr_eq(t, &frame.trails)),
            None => (false, false),
        };
        unsafe {
            if !mesh_same {
                let m = &frame.mesh;
                gl.bind_buffer(glow::ARRAY_BUFFER, Some(self.mesh_vbo));
                gl.buffer_data_u8_slice(glow::ARRAY_BUFFER, bytes(&m.vertices), glow::STATIC_DRAW);
                gl.bind_vertex_array(Some(self.mesh_vao));
                gl.buffer_data_u8_slice(
                    glow::ELEMENT_ARRAY_BUFFER,
                    bytes(&m.indices),
                    glow::STATIC_DRAW,
                );
                gl.bind_vertex_array(None);
                gl.bind_buffer(glow::ARRAY_BUFFER, Some(self.iso_vbo));
                gl.buffer_data_u8_slice(glow::ARRAY_BUFFER, bytes(&m.isolines), glow::STATIC_DRAW);
                self.index_count = i32::try_from(m.indices.len()).unwrap_or(i32::MAX);
                self.iso_count = i32::try_from(m.isolines.len() / 3).unwrap_or(i32::MAX);
                self.uploads.surface += 1;
            }
            if !trails_same {
                gl.bind_buffer(glow::ARRAY_BUFFER, Some(self.trails_vbo));
                gl.buffer_data_u8_slice(
                    glow::ARRAY_BUFFER,
                    bytes(&frame.trails.points),
                    glow::STATIC_DRAW,
                );
                self.uploads.trails += 1;
            }
            // What moves with the step: the last stretch of each trail.
            let tails: Vec<f32> = frame
                .runs
                .iter()
                .flat_map(|r| r.tail.unwrap_or_default().into_iter().flatten())
                .collect();
            gl.bind_buffer(glow::ARRAY_BUFFER, Some(self.tails_vbo));
            gl.buffer_data_u8_slice(glow::ARRAY_BUFFER, bytes(&tails), glow::STREAM_DRAW);
        }
        self.uploaded = Some((frame.mesh.clone(), frame.trails.clone()));
        self.uploads.frames += 1;
    }

    unsafe fn shared(&self, gl: &glow::Context, p: &Program, frame: &GpuFrame) {
        unsafe {
            gl.use_program(Some(p.id));
            gl.uniform_matrix_4_f32_slice(p.at("u_m"), false, &frame.matrix);
            gl.uniform_3_f32_slice(p.at("u_eye"), &frame.eye);
            gl.uniform_1_f32(p.at("u_bias"), frame.depth_bias);
        }
    }

    fn paint(&mut self, gl: &glow::Context, frame: &GpuFrame, info: &egui::PaintCallbackInfo) {
        self.upload(gl, frame);
        let view = info.viewport_in_pixels();
        let clip = info.clip_rect_in_pixels();
        let size = [view.width_px as f32, view.height_px as f32];
        let bg = frame.background.map(|c| f32::from(c) / 255.0);
        unsafe {
            // Only the view's own pixels: clear them (colour and depth) and draw.
            let (x0, y0) = (
                view.left_px.max(clip.left_px),
                view.from_bottom_px.max(clip.from_bottom_px),
            );
            let x1 = (view.left_px + view.width_px).min(clip.left_px + clip.width_px);
            let y1 =
                (view.from_bottom_px + view.height_px).min(clip.from_bottom_px + clip.height_px);
            if x1 <= x0 || y1 <= y0 {
                return;
            }
            gl.enable(glow::SCISSOR_TEST);
            gl.scissor(x0, y0, x1 - x0, y1 - y0);
            gl.clear_color(bg[0], bg[1], bg[2], 1.0);
            gl.depth_mask(true);
            gl.clear_depth_f32(1.0);
            gl.clear(glow::COLOR_BUFFER_BIT | glow::DEPTH_BUFFER_BIT);
            gl.enable(glow::DEPTH_TEST);
            gl.depth_func(glow::LESS);
            gl.disable(glow::BLEND);

            self.shared(gl, &self.surface, frame);
            gl.bind_vertex_array(Some(self.mesh_vao));
            gl.draw_elements(glow::TRIANGLES, self.index_count, glow::UNSIGNED_INT, 0);

            // Lines are tested against the surface but leave the depth as it is, so they never
            // hide each other.
            gl.depth_mask(false);
            gl.enable(glow::BLEND);
            gl.blend_func_separate(
                glow::SRC_ALPHA,
                glow::ONE_MINUS_SRC_ALPHA,
                glow::ZERO,
                glow::ONE,
            );
            self.shared(gl, &self.lines, frame);
            gl.uniform_4_f32(self.lines.at("u_rgba"), 1.0, 1.0, 1.0, 0.35);
            gl.bind_vertex_array(Some(self.iso_vao));
            gl.draw_arrays(glow::LINES, 0, self.iso_count);

            self.paint_trails(gl, frame, size);

            gl.bind_vertex_array(None);
            gl.depth_mask(true);
            gl.disable(glow::DEPTH_TEST);
        }
    }

    unsafe fn paint_trails(&self, gl: &glow::Context, frame: &GpuFrame, size: [f32; 2]) {
        let p = &self.segments;
        unsafe {
            self.shared(gl, p, frame);
            gl.uniform_2_f32(p.at("u_size"), size[0], size[1]);
            gl.bind_vertex_array(Some(self.segment_vao));
            attribute(gl, p, "a_corner", self.corner_vbo, 2, 8, 0, false);
            // Every run has a slot in the tails' buffer, empty or not.
            for (tail, run) in (0i32..).zip(&frame.runs) {
                let c = run.rgb.map(|v| f32::from(v) / 255.0);
                for (radius, rgba) in [
                    (OUTLINE_RADIUS, [0.0, 0.0, 0.0, 1.0]),
                    (LINE_RADIUS, [c[0], c[1], c[2], 1.0]),
                ] {
                    gl.uniform_1_f32(p.at("u_radius"), radius);
                    gl.uniform_4_f32_slice(p.at("u_rgba"), &rgba);
                    if run.count >= 2 {
                        let offset = i32::try_from(run.first * 12).unwrap_or(i32::MAX);
                        attribute(gl, p, "a_a", self.trails_vbo, 3, 12, offset, true);
                        attribute(gl, p, "a_b", self.trails_vbo, 3, 12, offset + 12, true);
                        let n = i32::try_from(run.count - 1).unwrap_or(i32::MAX);
                        gl.draw_arrays_instanced(glow::TRIANGLE_STRIP, 0, 4, n);
                    }
                    if run.tail.is_some() {
                        attribute(gl, p, "a_a", self.tails_vbo, 3, 24, tail * 24, true);
                        attribute(gl, p, "a_b", self.tails_vbo, 3, 24, tail * 24 + 12, true);
                        gl.draw_arrays_instanced(glow::TRIANGLE_STRIP, 0, 4, 1);
                    }
                }
            }
        }
    }
}
