use std::io::Write;
use std::process::ExitCode;

// Two million members' ids and names are small allocations: mimalloc gives
// each its own size (glibc rounds them up to 32 bytes) and keeps the threads
// that load kinds side by side from contending.
#[cfg(not(windows))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = taizhang::cli::parse();
    match taizhang::run(cli) {
        Ok(exit) => exit.into(),
        Err(error) => {
            // A closed pipe (`taizhang check | head`) is not a failure.
            if error.chain().any(|cause| {
                cause
                    .downcast_ref::<std::io::Error>()
                    .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            let _ = writeln!(std::io::stderr(), "taizhang: {error:#}");
            ExitCode::from(2)
        }
    }
}
