//! The 3-D view as the GPU draws it, still as plain data: the buffers to upload and what changes from
//! step to step. [`GpuScene::prepare`] keeps what depends only on the surface (the mesh's vertices,
//! triangles and isolines) and on the runs (their trails in world coordinates) between frames, so a
//! frame in which only the step moved hands the GPU the very same buffers and a few numbers per run:
//! how much of the trail to draw and the last stretch of it, to where the ball is.

use std::sync::Arc;

use super::camera::Projector;
use super::mesh::Mesh;
use super::raster::DEPTH_BIAS;
use super::{THIN, V3};
use optiscape_core::scenario::Camera;
use optiscape_core::sim::Trajectory;

/// The surface's geometry: vertices (x, y, z, then r, g, b in 0..1), triangles, and the isolines as
/// pairs of points (x, y, z) for GL's lines.
#[derive(Debug, Default)]
pub struct MeshBuffers {
    pub vertices: Vec<f32>,
    pub indices: Vec<u32>,
    pub isolines: Vec<f32>,
}

impl MeshBuffers {
    pub fn of(mesh: &Mesh) -> Self {
        let vertices = mesh
            .pos
            .iter()
            .zip(&mesh.rgb)
            .flat_map(|(p, c)| {
                [
                    p.x as f32,
                    p.y as f32,
                    p.z as f32,
                    c[0] / 255.0,
                    c[1] / 255.0,
                    c[2] / 255.0,
                ]
            })
            .collect();
        let n = mesh.n;
        let mut indices = Vec::with_capacity(6 * n * n + 3 * mesh.walls.len());
        for r in 0..n {
            for c in 0..n {
                let (a, b, d, e) = (
                    r * (n + 1) + c,
                    r * (n + 1) + c + 1,
                    (r + 1) * (n + 1) + c,
                    (r + 1) * (n + 1) + c + 1,
                );
                indices.extend([a, b, e, a, e, d].map(|i| i as u32));
            }
        }
        indices.extend(mesh.walls.iter().flatten().map(|&i| i as u32));
        let isolines = mesh
            .isolines
            .iter()
            .flat_map(|line| line.windows(2))
            .flat_map(|pair| {
                pair.iter()
                    .flat_map(|p| [p.x as f32, p.y as f32, p.z as f32])
            })
            .collect();
        Self {
            vertices,
            indices,
            isolines,
        }
    }
}

/// Every run's whole trail in world coordinates, one after the other, thinned like the CPU view's
/// (points at least [`THIN`] of the box apart in the plane), with the step each kept point was
/// reached at.
#[derive(Debug, Default)]
pub struct Trails {
    /// x, y, z of each kept point, run after run.
    pub points: Vec<f32>,
    /// Per run: the index of its first point in `points` (in points, not floats), and the steps of
    /// its kept points.
    pub runs: Vec<(usize, Vec<usize>)>,
}

impl Trails {
    fn of(mesh: &Mesh, trajectories: &[Arc<Trajectory>]) -> Self {
        let mut out = Self::default();
        for t in trajectories {
            let start = out.points.len() / 3;
            let mut steps = Vec::new();
            let (mut lx, mut ly) = (f64::NAN, f64::NAN);
            for (i, (&p, &f)) in t.points.iter().zip(&t.losses).enumerate() {
                let Some((x, y)) = mesh.unit(p) else {
                    continue;
                };
                if (x - lx).powi(2) + (y - ly).powi(2) < THIN * THIN {
                    continue;
                }
                (lx, ly) = (x, y);
                let w = mesh.world(p, f);
                out.points.extend([w.x as f32, w.y as f32, w.z as f32]);
                steps.push(i);
            }
            out.runs.push((start, steps));
        }
        out
    }
}

/// One run at the step: the first `count` points of its trail from `first`, then the stretch
/// `tail` from the last of them to where the run is (if it has begun and is in reach).
#[derive(Debug, Clone, PartialEq)]
pub struct RunStep {
    pub first: usize,
    pub count: usize,
    pub tail: Option<[[f32; 3]; 2]>,
    pub rgb: [u8; 3],
}

/// Everything one GPU frame needs. The buffers are shared with the scene, so an unchanged one is
/// the same allocation as in the frame before (and the GPU keeps its copy).
#[derive(Debug, Clone)]
pub struct GpuFrame {
    pub mesh: Arc<MeshBuffers>,
    pub trails: Arc<Trails>,
    pub runs: Vec<RunStep>,
    /// World to clip space, column-major.
    pub matrix: [f32; 16],
    pub eye: [f32; 3],
    pub background: [u8; 3],
    /// See [`DEPTH_BIAS`].
    pub depth_bias: f32,
}

/// How often the GPU was handed each kind of buffer: frames drawn, surface uploads, trail uploads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Uploads {
    pub frames: u64,
    pub surface: u64,
    pub trails: u64,
}

/// What a frame's buffers were built from, compared by identity.
struct Built<T> {
    mesh: Arc<Mesh>,
    runs: Vec<Arc<Trajectory>>,
    value: Arc<T>,
}

/// A run as the GPU scene takes it: its colour and trajectory.
pub type ColouredRun = ([u8; 3], Arc<Trajectory>);

/// The buffers between frames.
#[derive(Default)]
pub struct GpuScene {
    mesh: Option<(Arc<Mesh>, Arc<MeshBuffers>)>,
    trails: Option<Built<Trails>>,
}

impl GpuScene {
    /// The frame of `mesh` with `runs` (colour and trajectory) at `step`, seen by `camera` in a
    /// `width × height` picture on `background`; rebuilds only the buffers whose inputs changed.
    pub fn prepare(
        &mut self,
        mesh: &Arc<Mesh>,
        runs: &[ColouredRun],
        step: usize,
        camera: &Camera,
        size: [u32; 2],
        background: [u8; 3],
    ) -> GpuFrame {
        let buffers = match &self.mesh {
            Some((m, b)) if Arc::ptr_eq(m, mesh) => b.clone(),
            _ => {
                let b = Arc::new(MeshBuffers::of(mesh));
                self.mesh = Some((mesh.clone(), b.clone()));
                b
            }
        };
        let same_runs = |built: &Built<Trails>| {
            Arc::ptr_eq(&built.mesh, mesh)
                && built.runs.len() == runs.len()
                && built
                    .runs
                    .iter()
                    .zip(runs)
                    .all(|(a, b)| Arc::ptr_eq(a, &b.1))
        };
        let trails = match &self.trails {
            Some(built) if same_runs(built) => built.value.clone(),
            _ => {
                let trajectories: Vec<Arc<Trajectory>> = runs.iter().map(|r| r.1.clone()).collect();
                let value = Arc::new(Trails::of(mesh, &trajectories));
                self.trails = Some(Built {
                    mesh: mesh.clone(),
                    runs: trajectories,
                    value: value.clone(),
                });
                value
            }
        };
        let steps = runs
            .iter()
            .zip(&trails.runs)
            .map(|((rgb, t), (first, kept))| run_step(mesh, t, *first, kept, step, *rgb))
            .collect();
        let proj = Projector::new(camera, size[0], size[1]);
        GpuFrame {
            mesh: buffers,
            trails,
            runs: steps,
            matrix: proj.clip_matrix(),
            eye: proj.eye().map(|v| v as f32),
            background,
            depth_bias: DEPTH_BIAS,
        }
    }
}

fn run_step(
    mesh: &Mesh,
    t: &Trajectory,
    first: usize,
    kept: &[usize],
    step: usize,
    rgb: [u8; 3],
) -> RunStep {
    let shown = step
        .saturating_add(1)
        .min(t.points.len())
        .min(t.losses.len());
    let count = kept.partition_point(|&k| k < shown);
    let now = shown.checked_sub(1).and_then(|k| {
        let p = t.points[k];
        mesh.unit(p).map(|_| as_f32(mesh.world(p, t.losses[k])))
    });
    let tail = match (count.checked_sub(1), now) {
        (Some(last), Some(now)) if kept[last] + 1 < shown => {
            Some([as_f32(trail_point(mesh, t, kept[last])), now])
        }
        _ => None,
    };
    RunStep {
        first,
        count,
        tail,
        rgb,
    }
}

fn trail_point(mesh: &Mesh, t: &Trajectory, k: usize) -> V3 {
    mesh.world(t.points[k], t.losses[k])
}

fn as_f32(v: V3) -> [f32; 3] {
    [v.x as f32, v.y as f32, v.z as f32]
}

#[cfg(test)]
mod tests {
    use super::*;
    use optiscape_core::sim::surface::View;
    use optiscape_core::sim::{Optimizer, OptimizerKind, RunSpec, Surface, SurfaceKind, V2};

    fn scene() -> (Arc<Mesh>, Vec<ColouredRun>) {
        let surface = Surface::new(SurfaceKind::Rosenbrock);
        let view = View::new(-2.0, 2.0, -1.0, 3.0);
        let mesh = Arc::new(Mesh::new(&surface, view, true, 40, 8));
        let runs = [OptimizerKind::Sgd, OptimizerKind::Momentum]
            .into_iter()
            .map(|k| {
                let spec =
                    RunSpec::new(surface.clone(), Optimizer::new(k), V2::new(-1.5, 2.0), 500);
                ([200, 100, 0], Arc::new(spec.run()))
            })
            .collect();
        (mesh, runs)
    }

    #[test]
    fn a_new_step_keeps_the_surface_and_trail_buffers_and_moves_the_trails_end() {
        let (mesh, runs) = scene();
        let mut gpu = GpuScene::default();
        let at = |gpu: &mut GpuScene, step| {
            gpu.prepare(&mesh, &runs, step, &Camera::default(), [800, 600], [0; 3])
        };
        let a = at(&mut gpu, 100);
        let b = at(&mut gpu, 101);
        assert!(Arc::ptr_eq(&a.mesh, &b.mesh), "the surface is not rebuilt");
        assert!(
            Arc::ptr_eq(&a.trails, &b.trails),
            "the trails are not rebuilt"
        );
        let end = |f: &GpuFrame| {
            let r = &f.runs[0];
            r.tail.map_or_else(
                || {
                    let k = 3 * (r.first + r.count - 1);
                    [
                        f.trails.points[k],
                        f.trails.points[k + 1],
                        f.trails.points[k + 2],
                    ]
                },
                |t| t[1],
            )
        };
        assert_ne!(end(&a), end(&b), "the trail's end moved");
        // A changed run rebuilds the trails but not the surface.
        let mut other = runs.clone();
        other[1].1 = Arc::new((*runs[1].1).clone());
        let c = gpu.prepare(&mesh, &other, 101, &Camera::default(), [800, 600], [0; 3]);
        assert!(Arc::ptr_eq(&a.mesh, &c.mesh));
        assert!(!Arc::ptr_eq(&a.trails, &c.trails));
    }

    #[test]
    fn the_trail_drawn_at_a_step_ends_at_the_ball() {
        let (mesh, runs) = scene();
        let mut gpu = GpuScene::default();
        let frame = gpu.prepare(&mesh, &runs, 250, &Camera::default(), [800, 600], [0; 3]);
        let t = &runs[0].1;
        let ball = as_f32(mesh.world(t.points[250], t.losses[250]));
        let r = &frame.runs[0];
        let last_kept = &frame.trails.points[3 * (r.first + r.count - 1)..3 * (r.first + r.count)];
        match r.tail {
            Some([from, to]) => {
                assert_eq!(from.as_slice(), last_kept);
                assert_eq!(to, ball);
            }
            None => assert_eq!(
                last_kept,
                ball.as_slice(),
                "the last kept point is the ball"
            ),
        }
        let (_, kept) = &frame.trails.runs[0];
        assert!(kept[..r.count].iter().all(|&k| k <= 250));
        assert!(kept[r.count..].iter().all(|&k| k > 250));
    }

    #[test]
    fn a_run_that_leaves_for_infinity_has_a_finite_trail() {
        let (mesh, _) = scene();
        let mut t = Trajectory::default();
        for (i, v) in [0.1, 0.5, 1e30, f64::INFINITY].into_iter().enumerate() {
            t.points.push(V2::new(v, v));
            t.losses.push(i as f64);
        }
        let runs = vec![([1, 2, 3], Arc::new(t))];
        let frame =
            GpuScene::default().prepare(&mesh, &runs, 3, &Camera::default(), [800, 600], [0; 3]);
        assert!(frame.trails.points.iter().all(|v| v.is_finite()));
        assert_eq!(frame.trails.runs[0].1, vec![0, 1]);
        assert_eq!(frame.runs[0].tail, None);
    }

    #[test]
    fn the_mesh_buffers_hold_every_vertex_triangle_and_isoline() {
        let (mesh, _) = scene();
        let b = MeshBuffers::of(&mesh);
        assert_eq!(b.vertices.len(), 6 * mesh.pos.len());
        assert_eq!(b.indices.len(), 6 * 40 * 40 + 3 * mesh.walls.len());
        assert!(b.indices.iter().all(|&i| (i as usize) < mesh.pos.len()));
        let segments: usize = mesh
            .isolines
            .iter()
            .map(|l| l.len().saturating_sub(1))
            .sum();
        assert_eq!(b.isolines.len(), 6 * segments);
        assert!(
            b.vertices
                .chunks(6)
                .all(|v| v[3..].iter().all(|c| (0.0..=1.0).contains(c)))
        );
    }
}
