//! `orgs`: the party organizations, a tree with exactly one root.

use rustc_hash::FxHashMap;

use crate::diag::{Code, Diagnostic, Diags};
use crate::ledger::Loc;
use crate::ledger::columns::{Column, choice, columns};
use crate::ledger::ids::IdIndex;
use crate::ledger::row::RowReader;
use crate::t;

columns! {
    pub enum OrgCol {
        Id = Column::required("id", &["组织编号", "组织编码", "党组织编号", "党组织编码"]),
        Name = Column::required("name", &["组织名称", "党组织名称"]),
        Parent = Column::optional("parent", &["上级组织", "上级组织编号", "上级组织编码", "上级党组织编码"]),
        Kind = Column::required("kind", &["组织类型"]),
        Sector = Column::optional("sector", &["单位类型"]),
    }
}

choice! {
    pub enum OrgKind {
        County = "county" | "县委",
        Committee = "committee" | "党委" | "党工委" | "工委",
        GeneralBranch = "general_branch" | "党总支" | "总支",
        Branch = "branch" | "党支部" | "支部",
    }
}

choice! {
    pub enum Sector {
        Agency = "agency" | "机关",
        Institution = "institution" | "事业单位",
        Enterprise = "enterprise" | "企业",
        Rural = "rural" | "农村",
        Community = "community" | "社区",
        TwoNew = "two_new" | "两新组织" | "两新",
        Other = "other" | "其他",
    }
}

pub type OrgIdx = u32;

#[derive(Debug)]
pub struct Org {
    pub id: String,
    pub name: String,
    pub parent: Option<OrgIdx>,
    /// The parent's id when it names no org of the tree (a parent left
    /// out or mistyped): the org's place and inherited sector are unknown.
    pub lost_parent: Option<String>,
    pub kind: OrgKind,
    /// The org's own sector, or the nearest ancestor's, or `other`.
    pub sector: Sector,
    pub loc: Loc,
    pub children: Vec<OrgIdx>,
}

/// The org tree. Subtrees are contiguous ranges of a preorder numbering, so
/// "is this org under that one" is two comparisons.
#[derive(Debug, Default)]
pub struct Orgs {
    pub list: Vec<Org>,
    index: IdIndex,
    pub root: Option<OrgIdx>,
    preorder: Vec<u32>,
    subtree_size: Vec<u32>,
}

impl Orgs {
    pub fn get(&self, id: &str) -> Option<OrgIdx> {
        self.index.get(id)
    }

    pub fn org(&self, org: OrgIdx) -> &Org {
        &self.list[org as usize]
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn indices(&self) -> impl Iterator<Item = OrgIdx> + '_ {
        0..self.list.len() as OrgIdx
    }

    /// Whether `org` is `ancestor` or lies below it.
    pub fn is_within(&self, org: OrgIdx, ancestor: OrgIdx) -> bool {
        let (pos, start) = (
            self.preorder[org as usize],
            self.preorder[ancestor as usize],
        );
        pos >= start && pos < start + self.subtree_size[ancestor as usize]
    }

    /// The orgs from `org` up to its root, `org` first.
    pub fn ancestors(&self, org: OrgIdx) -> impl Iterator<Item = OrgIdx> + '_ {
        std::iter::successors(Some(org), move |&o| self.list[o as usize].parent)
    }

    /// The orgs in preorder: each parent before its children, siblings by id.
    pub fn in_preorder(&self) -> Vec<OrgIdx> {
        let mut order: Vec<OrgIdx> = self.indices().collect();
        order.sort_by_key(|&o| self.preorder[o as usize]);
        order
    }
}

struct OrgRow {
    id: String,
    name: String,
    parent: Option<(String, Loc)>,
    kind: OrgKind,
    sector: Option<Sector>,
    loc: Loc,
}

#[derive(Default)]
pub struct OrgsLoader {
    rows: Vec<OrgRow>,
    seen: FxHashMap<String, Loc>,
    /// Ids of rows left out for bad values: references to them are not
    /// reported again.
    pub left_out: rustc_hash::FxHashSet<String>,
}

impl OrgsLoader {
    pub fn row(&mut self, row: &mut RowReader<'_, '_>, files: &[String]) {
        let id = row.required_id(OrgCol::Id);
        if let Some(id) = &id {
            row.name_org(id);
        }
        let name = row.required_text(OrgCol::Name);
        let parent = row.id(OrgCol::Parent);
        let kind = row.required_choice::<OrgKind>(OrgCol::Kind);
        let sector = row.choice::<Sector>(OrgCol::Sector);
        let loc = row.loc();
        let (Some(id), Some(name), Some(kind), true) = (id, name, kind, row.ok()) else {
            if let Some(id) = row.id(OrgCol::Id) {
                self.left_out.insert(id);
            }
            return;
        };
        if let Some(first) = self.seen.get(&id) {
            let lang = row.lang();
            let (file, line) = (&files[first.file as usize], first.line);
            row.fail(
                OrgCol::Id,
                Code::DuplicateId,
                t!(
                    lang,
                    "组织编号 {id} 重复，首次出现在 {file}:{line}；该行未读取",
                    "the org id {id} is used twice, first at {file}:{line}; this row was left out"
                ),
            )
            .hint(t!(
                lang,
                "给其中一行换一个编号；如果是重复录入，删除这一行",
                "give one of the rows another id, or delete this row if it was entered twice"
            ));
            return;
        }
        self.seen.insert(id.clone(), loc);
        self.rows.push(OrgRow {
            id,
            name,
            parent: parent.map(|p| (p, loc)),
            kind,
            sector,
            loc,
        });
    }

    /// Builds the tree: unknown parents, cycles and a missing or second root
    /// are reported; the tree is cut at each of them so that every org still
    /// belongs somewhere.
    pub fn finish(self, diags: &mut Diags, files: &[String]) -> Orgs {
        let lang = diags.lang;
        let mut orgs = Orgs::default();
        for (i, row) in self.rows.iter().enumerate() {
            // Unique: row() left out the second row of an id.
            let _ = orgs.index.insert(&row.id, i as OrgIdx);
        }
        let mut parents: Vec<Option<OrgIdx>> = Vec::with_capacity(self.rows.len());
        for row in &self.rows {
            let parent = match &row.parent {
                None => None,
                Some((parent, loc)) => match orgs.index.get(parent) {
                    Some(p) => Some(p),
                    None => {
                        if !self.left_out.contains(parent) {
                            diags.push(
                                Diagnostic::error(
                                    Code::UnknownOrg,
                                    t!(
                                        lang,
                                        "上级组织 {parent} 不在组织表中",
                                        "the parent org {parent} is not in orgs"
                                    ),
                                )
                                .at(loc.location(files))
                                .field("parent")
                                .found(parent.clone()),
                            );
                        }
                        None
                    }
                },
            };
            parents.push(parent);
        }
        break_cycles(&self.rows, &mut parents, diags, files);
        let roots: Vec<usize> = (0..self.rows.len())
            .filter(|&i| parents[i].is_none() && self.rows[i].parent.is_none())
            .collect();
        match roots.as_slice() {
            [root] => orgs.root = Some(*root as OrgIdx),
            [] if !self.rows.is_empty() => diags.push(
                Diagnostic::error(
                    Code::OrgRoot,
                    t!(
                        lang,
                        "组织表没有根组织（上级组织为空的组织）",
                        "orgs has no root (an org with an empty parent)"
                    ),
                )
                .at(self.rows[0].loc.location(files)),
            ),
            [] => {}
            [first, rest @ ..] => {
                orgs.root = Some(*first as OrgIdx);
                let root_id = &self.rows[*first].id;
                for &other in rest {
                    let id = &self.rows[other].id;
                    diags.push(
                        Diagnostic::error(
                            Code::OrgRoot,
                            t!(lang, "组织 {id} 也没有上级组织，但只能有一个根组织（{root_id}）", "the org {id} has no parent either, but there must be one root only ({root_id})"),
                        )
                        .at(self.rows[other].loc.location(files))
                        .hint(t!(lang, "填写它的上级组织", "fill in its parent org")),
                    );
                }
            }
        }
        let mut sectors: Vec<Option<Sector>> = self.rows.iter().map(|r| r.sector).collect();
        for i in 0..self.rows.len() {
            if sectors[i].is_none() {
                let inherited = std::iter::successors(parents[i], |&p| parents[p as usize])
                    .find_map(|p| self.rows[p as usize].sector);
                sectors[i] = Some(inherited.unwrap_or(Sector::Other));
            }
        }
        for (i, row) in self.rows.into_iter().enumerate() {
            let lost_parent = match (&row.parent, parents[i]) {
                (Some((id, _)), None) => Some(id.clone()),
                _ => None,
            };
            orgs.list.push(Org {
                id: row.id,
                name: row.name,
                parent: parents[i],
                lost_parent,
                kind: row.kind,
                sector: sectors[i].unwrap_or(Sector::Other),
                loc: row.loc,
                children: Vec::new(),
            });
        }
        for i in 0..orgs.list.len() {
            if let Some(p) = orgs.list[i].parent {
                orgs.list[p as usize].children.push(i as OrgIdx);
            }
        }
        number_preorder(&mut orgs);
        orgs
    }
}

fn break_cycles(
    rows: &[OrgRow],
    parents: &mut [Option<OrgIdx>],
    diags: &mut Diags,
    files: &[String],
) {
    // 0 = unvisited, 1 = on the current path, 2 = done.
    let mut state = vec![0u8; rows.len()];
    for start in 0..rows.len() {
        let mut path = Vec::new();
        let mut at = Some(start as OrgIdx);
        while let Some(org) = at {
            match state[org as usize] {
                2 => break,
                1 => {
                    let cycle_start = path.iter().position(|&o| o == org).unwrap_or(0);
                    let cycle: Vec<&str> = path[cycle_start..]
                        .iter()
                        .map(|&o: &OrgIdx| rows[o as usize].id.as_str())
                        .collect();
                    let names = cycle.join(" → ");
                    let first = path[cycle_start];
                    let lang = diags.lang;
                    diags.push(
                        Diagnostic::error(
                            Code::OrgCycle,
                            t!(
                                lang,
                                "上级组织形成循环：{names} → {}",
                                "the parent orgs form a cycle: {names} → {}",
                                cycle[0]
                            ),
                        )
                        .at(rows[first as usize].loc.location(files))
                        .field("parent")
                        .hint(t!(
                            lang,
                            "改正其中一个组织的上级组织",
                            "correct the parent of one of these orgs"
                        )),
                    );
                    parents[first as usize] = None;
                    break;
                }
                _ => {
                    state[org as usize] = 1;
                    path.push(org);
                    at = parents[org as usize];
                }
            }
        }
        for org in path {
            state[org as usize] = 2;
        }
    }
}

fn number_preorder(orgs: &mut Orgs) {
    let count = orgs.list.len();
    orgs.preorder = vec![0; count];
    orgs.subtree_size = vec![1; count];
    for org in &mut orgs.list {
        org.children.sort_unstable();
    }
    let mut tops: Vec<OrgIdx> = (0..count as OrgIdx)
        .filter(|&o| orgs.list[o as usize].parent.is_none())
        .collect();
    tops.sort_by(|&a, &b| orgs.list[a as usize].id.cmp(&orgs.list[b as usize].id));
    if let Some(root) = orgs.root {
        tops.retain(|&t| t != root);
        tops.insert(0, root);
    }
    let mut next = 0u32;
    // Iterative depth-first walk: (org, children visited yet?).
    let mut stack: Vec<(OrgIdx, bool)> = tops.iter().rev().map(|&t| (t, false)).collect();
    while let Some((org, done)) = stack.pop() {
        if done {
            let size: u32 = orgs.list[org as usize]
                .children
                .iter()
                .map(|&c| orgs.subtree_size[c as usize])
                .sum();
            orgs.subtree_size[org as usize] = size + 1;
            continue;
        }
        orgs.preorder[org as usize] = next;
        next += 1;
        stack.push((org, true));
        let mut children = orgs.list[org as usize].children.clone();
        children.sort_by(|&a, &b| orgs.list[b as usize].id.cmp(&orgs.list[a as usize].id));
        stack.extend(children.into_iter().map(|c| (c, false)));
    }
}
