//! Reading a kind's files into its loader. The orgs and the register are read
//! whole; the roll, one large CSV file, in parts in parallel; a record kind
//! is read by its own loader and diagnostics
//! (the kinds in parallel), and a large file of a kind whose loader merges
//! ([`Merge`]) is cut at record boundaries and its parts read in parallel,
//! each by a loader of its own, merged in the file's order.

use std::path::Path;

use rayon::prelude::*;

use super::discover::{self, Source};
use super::kinds::members::Members;
use super::kinds::{Kind, Load, LoadContext, Merge};
use super::row::{Named, RowReader};
use super::source::{self, FileInfo, ReadContext, Row, Split};
use super::{Progress, maps};
use crate::diag::{self, Diags, Location};
use crate::lang::Lang;

/// Reads every file of a kind and hands each row to the kind's loader.
pub(crate) struct KindReader<'a> {
    pub root: &'a Path,
    /// Every file of the ledger with its kind; the index is its number.
    pub files: &'a [(Kind, Source, String)],
    pub strict: bool,
    pub mask: bool,
    /// The headers and values taizhang.toml adds.
    pub maps: &'a maps::ColumnMaps,
    pub lang: Lang,
    /// The least size of a part of a file read in parts.
    pub part_bytes: u64,
    /// The workbooks open while their sheets are read.
    pub workbooks: &'a source::xlsx::Workbooks,
    pub progress: Option<&'a Progress>,
}

/// What a record kind's files gave: its loader, their rows, the diagnostics.
pub(crate) struct Loaded<L> {
    pub loader: L,
    pub rows: u64,
    pub diags: Diags,
}

impl<L: Load> Loaded<L> {
    fn new(cx: &LoadContext<'_>, lang: Lang) -> Self {
        Loaded {
            loader: L::new(cx),
            rows: 0,
            diags: Diags::new(lang),
        }
    }
}

impl KindReader<'_> {
    /// Reads the kind's files; returns how many rows they had.
    pub fn read(
        &self,
        kind: Kind,
        diags: &mut Diags,
        on_row: &mut dyn FnMut(&mut RowReader<'_, '_>),
    ) -> u64 {
        let mut rows = 0;
        for (id, (_, source, _)) in self.files_of(kind) {
            rows += self.read_whole(kind, id, source, diags, on_row);
        }
        rows
    }

    /// A record kind, its files read one after the other (unless the plan
    /// leaves it out).
    pub fn load<L: Load>(&self, kind: Kind, cx: &LoadContext<'_>) -> Loaded<L> {
        let mut loaded = Loaded::<L>::new(cx, self.lang);
        if cx.plan.reads(kind) {
            let (loader, diags) = (&mut loaded.loader, &mut loaded.diags);
            loaded.rows = self.read(kind, diags, &mut |row| loader.row(row, cx));
        }
        loaded
    }

    /// A record kind whose large files are read in parts, in parallel.
    pub fn load_in_parts<L: Merge>(&self, kind: Kind, cx: &LoadContext<'_>) -> Loaded<L> {
        let mut total = Loaded::<L>::new(cx, self.lang);
        if !cx.plan.reads(kind) {
            return total;
        }
        let files: Vec<_> = self.files_of(kind).collect();
        let mut next = 0;
        while next < files.len() {
            // Workbooks, which are not cut into parts: a run of them is
            // read in parallel, a loader each, merged in the files' order.
            let run = files[next..]
                .iter()
                .take_while(|(_, (_, source, _))| is_workbook(source))
                .count();
            if run >= 2 {
                let read: Vec<Loaded<L>> = files[next..next + run]
                    .par_iter()
                    .map(|&(id, (_, source, _))| {
                        let mut part = Loaded::<L>::new(cx, self.lang);
                        let (loader, diags) = (&mut part.loader, &mut part.diags);
                        let rows = self
                            .read_whole(kind, id, source, diags, &mut |row| loader.row(row, cx));
                        part.rows = rows;
                        part
                    })
                    .collect();
                for part in read {
                    total.loader.merge(part.loader);
                    total.rows += part.rows;
                    total.diags.extend(part.diags);
                }
                next += run;
                continue;
            }
            let (id, (_, source, _)) = files[next];
            next += 1;
            let new = || Loaded::<L>::new(cx, self.lang);
            let on_row =
                |part: &mut Loaded<L>, row: &mut RowReader<'_, '_>| part.loader.row(row, cx);
            match self.read_file_in_parts(kind, id, source, L::splits, &new, &on_row) {
                InParts::Done(diags) => total.diags.extend(diags),
                InParts::Parts(header_diags, parts) => {
                    total.diags.extend(header_diags);
                    for (part, rows) in parts {
                        total.loader.merge(part.loader);
                        total.rows += rows;
                        total.diags.extend(part.diags);
                    }
                }
                InParts::Whole => {
                    let (loader, diags) = (&mut total.loader, &mut total.diags);
                    total.rows +=
                        self.read_whole(kind, id, source, diags, &mut |row| loader.row(row, cx));
                }
            }
        }
        total
    }

    /// The roll, a large CSV file cut at record boundaries and its parts
    /// read in parallel, each into a roll of its own, joined in order;
    /// `None` when it is not one such file, or when an id is in two rows
    /// (the duplicate is then found, and said, by reading it whole).
    pub fn roll_in_parts(
        &self,
        new: &(dyn Fn() -> Members + Sync),
        on_row: &(dyn Fn(&mut Members, &mut RowReader<'_, '_>) + Sync),
        diags: &mut Diags,
    ) -> Option<(Members, u64)> {
        let mut files = self.files_of(Kind::Members);
        let ((id, (_, source, _)), None) = (files.next()?, files.next()) else {
            return None;
        };
        let new = || (new(), Diags::new(self.lang));
        let on_row =
            |(roll, _): &mut (Members, Diags), row: &mut RowReader<'_, '_>| on_row(roll, row);
        let InParts::Parts(header_diags, parts) =
            self.read_file_in_parts(Kind::Members, id, source, |_| true, &new, &on_row)
        else {
            return None;
        };
        let mut rows = 0;
        let mut all = Diags::new(self.lang);
        all.extend(header_diags);
        let mut rolls = Vec::with_capacity(parts.len());
        for ((roll, part_diags), part_rows) in parts {
            rolls.push(roll);
            all.extend(part_diags);
            rows += part_rows;
        }
        let roll = Members::join(rolls)?;
        diags.extend(all);
        Some((roll, rows))
    }

    /// Reads one file in parts, in parallel, each part by a loader `new`
    /// makes, when it is a CSV file large enough to cut and `splits`
    /// allows it for its headers.
    fn read_file_in_parts<P: Send + HasDiags>(
        &self,
        kind: Kind,
        id: u32,
        source: &Source,
        splits: impl Fn(&[Option<String>]) -> bool,
        new: &(dyn Fn() -> P + Sync),
        on_row: &(dyn Fn(&mut P, &mut RowReader<'_, '_>) + Sync),
    ) -> InParts<P> {
        let full = self.root.join(&source.path);
        let mut file = file_info(id, source);
        let mut header_diags = Diags::new(self.lang);
        let count = parts_per_file();
        let split = source::split_file(
            &full,
            &mut file,
            &mut self.context(kind, &mut header_diags),
            count,
            self.part_bytes,
        );
        let parts = match split {
            Split::Done => return InParts::Done(header_diags),
            Split::Parts(parts) if splits(&file.headers) => parts,
            Split::Whole | Split::Parts(_) => return InParts::Whole,
        };
        let read: Vec<(P, u64, u64)> = (0..parts.len())
            .into_par_iter()
            .map(|index| {
                let mut part = new();
                let mut rows = 0;
                let mut info = file.clone();
                let mut diags = Diags::new(self.lang);
                let mut named = Named::default();
                let ended = source::read_part(
                    &full,
                    &parts,
                    index,
                    &mut info,
                    &mut self.context(kind, &mut diags),
                    &mut |row: &Row<'_>, diags: &mut Diags| {
                        rows += 1;
                        self.row(kind, row, diags, &mut named, &mut |row| {
                            on_row(&mut part, row)
                        });
                    },
                );
                part.diags_mut().extend(diags);
                (part, rows, ended)
            })
            .collect();
        if read
            .iter()
            .enumerate()
            .all(|(index, (_, _, ended))| parts.ends_well(index, *ended))
        {
            InParts::Parts(
                header_diags,
                read.into_iter().map(|(p, rows, _)| (p, rows)).collect(),
            )
        } else {
            // A cut fell inside a record: the parts are dropped, and the
            // file is read whole, as if it had never been cut.
            InParts::Whole
        }
    }

    fn files_of(&self, kind: Kind) -> impl Iterator<Item = (u32, &(Kind, Source, String))> {
        self.files
            .iter()
            .enumerate()
            .filter(move |(_, f)| f.0 == kind)
            .map(|(id, file)| (id as u32, file))
    }

    fn context<'d>(&'d self, kind: Kind, diags: &'d mut Diags) -> ReadContext<'d> {
        ReadContext {
            kind: kind.name(),
            columns: kind.columns(),
            map: self.maps.kind(kind),
            strict: self.strict,
            mask: self.mask,
            limits: source::LIMITS,
            progress: self.progress,
            diags,
            workbooks: self.workbooks,
        }
    }

    /// Reads one file, start to end; returns its row count.
    fn read_whole(
        &self,
        kind: Kind,
        id: u32,
        source: &Source,
        diags: &mut Diags,
        on_row: &mut dyn FnMut(&mut RowReader<'_, '_>),
    ) -> u64 {
        let mut rows = 0;
        let mut named = Named::default();
        source::read_file(
            &self.root.join(&source.path),
            &mut file_info(id, source),
            &mut self.context(kind, diags),
            &mut |row: &Row<'_>, diags: &mut Diags| {
                rows += 1;
                self.row(kind, row, diags, &mut named, on_row);
            },
        );
        rows
    }

    /// Hands a row to the loader; a row left out says what it left out.
    fn row(
        &self,
        kind: Kind,
        row: &Row<'_>,
        diags: &mut Diags,
        named: &mut Named,
        on_row: &mut dyn FnMut(&mut RowReader<'_, '_>),
    ) {
        let before = diags.len();
        let mut reader = RowReader::new(kind.name(), row, kind.columns(), diags, self.mask, named)
            .with_values(self.maps.kind(kind));
        on_row(&mut reader);
        if !reader.ok() {
            let names = reader.take_names();
            let at = row.file.location(row.line, None, None);
            say_left_out(diags, before, kind, names, at);
        }
    }
}

/// How many parts a large file is cut into: several per core, so that the
/// cores, reading the last parts of the last files, finish close together.
pub(super) fn parts_per_file() -> usize {
    4 * rayon::current_num_threads()
}

/// What reading a file in parts gave.
enum InParts<P> {
    /// Nothing past the header (or the header failed): its diagnostics.
    Done(Diags),
    /// The header's diagnostics and the parts in order, with their rows.
    Parts(Diags, Vec<(P, u64)>),
    /// The file is to be read whole.
    Whole,
}

/// A part's loader with the diagnostics its rows gave.
trait HasDiags {
    fn diags_mut(&mut self) -> &mut Diags;
}

impl<L> HasDiags for Loaded<L> {
    fn diags_mut(&mut self) -> &mut Diags {
        &mut self.diags
    }
}

impl HasDiags for (Members, Diags) {
    fn diags_mut(&mut self) -> &mut Diags {
        &mut self.1
    }
}

fn is_workbook(source: &Source) -> bool {
    source.sheet.is_some() || crate::diag::is_workbook_name(&source.path.to_string_lossy())
}

fn file_info(id: u32, source: &Source) -> FileInfo {
    FileInfo::new(id, discover::display(&source.path), source.sheet.clone())
}

/// Marks the first error of a row that was left out with what it left out.
/// A row left out only because it refers to a row left out itself has no
/// error of its own: it is recorded without one, since what it holds (a
/// certificate another member shares) may change verdicts too.
fn say_left_out(diags: &mut Diags, before: usize, kind: Kind, names: diag::Names, at: Location) {
    let left_out = diag::LeftOut {
        kind: kind.name(),
        scope: diag::Scope::Row(names),
    };
    match diags
        .since(before)
        .iter_mut()
        .find(|d| d.is_error() && d.left_out.is_none())
    {
        Some(first) => first.left_out = Some(left_out),
        None => diags.left_out_silently(at, left_out),
    }
}
