use std::io::Write;
use std::process::ExitCode;

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
