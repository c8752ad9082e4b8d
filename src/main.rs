//! The `optiscape` program: the command line and the window on a desktop, the page's app on the web.

#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    optiscape::cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {
    optiscape::app::page::start();
}
