//! The 3-D view's GLSL, written once for OpenGL 3.3 and WebGL2 (only the header differs).

pub(super) const HEADER_DESKTOP: &str = "#version 330 core\n";
pub(super) const HEADER_WEB: &str = "#version 300 es\nprecision highp float;\n";

/// World position with the depth pulled toward the eye by `u_bias` of itself, so what lies on the
/// surface passes the depth test against it (the CPU view's rule).
pub(super) const BIASED: &str = r"
uniform mat4 u_m;
uniform vec3 u_eye;
uniform float u_bias;
vec4 clip_of(vec3 p) { return u_m * vec4(p, 1.0); }
float biased_depth(vec3 p) {
    vec4 c = u_m * vec4(u_eye + (p - u_eye) * (1.0 - u_bias), 1.0);
    return c.z / c.w;
}
";

pub(super) const SURFACE_VS: &str = r"
in vec3 a_pos;
in vec3 a_rgb;
out vec3 v_rgb;
void main() { gl_Position = clip_of(a_pos); v_rgb = a_rgb; }
";
pub(super) const SURFACE_FS: &str = r"
in vec3 v_rgb;
out vec4 o;
void main() { o = vec4(v_rgb, 1.0); }
";
pub(super) const LINES_VS: &str = r"
in vec3 a_pos;
void main() {
    vec4 c = clip_of(a_pos);
    gl_Position = vec4(c.xy, biased_depth(a_pos) * c.w, c.w);
}
";
pub(super) const FLAT_FS: &str = r"
uniform vec4 u_rgba;
out vec4 o;
void main() { o = u_rgba; }
";
/// A segment from `a_a` to `a_b` as a quad around it, `u_radius` pixels wide on each side and past
/// each end; the fragment shader rounds it into a capsule.
pub(super) const SEGMENT_VS: &str = r"
in vec2 a_corner;
in vec3 a_a;
in vec3 a_b;
uniform vec2 u_size;
uniform float u_radius;
out vec2 v_local;
out float v_len;
void main() {
    vec4 ca = clip_of(a_a);
    vec4 cb = clip_of(a_b);
    if (ca.w < 1e-3 || cb.w < 1e-3) { gl_Position = vec4(2.0, 2.0, 2.0, 1.0); return; }
    vec2 pa = (ca.xy / ca.w * 0.5 + 0.5) * u_size;
    vec2 pb = (cb.xy / cb.w * 0.5 + 0.5) * u_size;
    vec2 d = pb - pa;
    float len = length(d);
    vec2 dir = len > 1e-4 ? d / len : vec2(1.0, 0.0);
    vec2 n = vec2(-dir.y, dir.x);
    float s = a_corner.x;
    float side = 2.0 * s - 1.0;
    vec2 p = mix(pa, pb, s) + dir * side * u_radius + n * a_corner.y * u_radius;
    v_local = vec2(s * len + side * u_radius, a_corner.y * u_radius);
    v_len = len;
    float z = mix(biased_depth(a_a), biased_depth(a_b), s);
    gl_Position = vec4(p / u_size * 2.0 - 1.0, z, 1.0);
}
";
pub(super) const SEGMENT_FS: &str = r"
in vec2 v_local;
in float v_len;
uniform float u_radius;
uniform vec4 u_rgba;
out vec4 o;
void main() {
    float u = v_local.x;
    float d = u < 0.0 ? length(v_local) : (u > v_len ? length(vec2(u - v_len, v_local.y)) : abs(v_local.y));
    if (d > u_radius) discard;
    o = u_rgba;
}
";
