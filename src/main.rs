use std::process::ExitCode;

fn main() -> ExitCode {
    optiscape::cli::main()
}
