//! The report's charts, drawn by plotters into SVG strings that the HTML
//! page embeds inline. Text is left to the browser's fonts (the page's CSS
//! names them), so nothing here needs a font file.

use std::io;

use plotters::coord::ranged1d::SegmentValue;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::model::{Band, GridLine, percent_of};
use crate::lang::Lang;
use crate::rules::{Grid, Mark, Tally};

/// The ids the page gives the charts' `<svg>` elements.
pub const RULES_ID: &str = "chart-rules";
pub const COMMITTEES_ID: &str = "chart-committees";

/// The id of a rule's month grid: `chart-mobile` for the grid named `mobile`.
pub fn grid_id(grid: &Grid) -> String {
    format!("chart-{}", grid.key)
}

const WIDTH: u32 = 1000;
const AXIS_FONT: u32 = 15;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// One bar: its label, its rate (0–1) and the band that colours it.
pub struct Bar {
    pub label: String,
    pub rate: f64,
    pub band: Band,
}

impl Bar {
    /// The bar of a tally; none when nothing of it was judged.
    pub fn of(label: String, tally: &Tally) -> Option<Bar> {
        Some(Bar {
            label,
            rate: tally.rate()?,
            band: Band::of(tally)?,
        })
    }
}

fn drawn<T, E: std::fmt::Display>(result: Result<T, E>) -> io::Result<T> {
    result.map_err(|e| io::Error::other(format!("drawing a chart: {e}")))
}

/// The SVG with an id and an accessible name on its root element.
fn named(svg: String, id: &str, title: &str) -> String {
    let title: String = title
        .chars()
        .filter(|c| !matches!(c, '"' | '<' | '>' | '&'))
        .collect();
    svg.replacen(
        "<svg ",
        &format!("<svg id=\"{id}\" role=\"img\" aria-label=\"{title}\" "),
        1,
    )
}

/// Compliance rate by rule: one bar per rule, in catalogue order.
pub fn rules(bars: &[Bar], title: &str, lang: Lang) -> io::Result<String> {
    Ok(named(
        horizontal_bars(bars, title, 26, lang)?,
        RULES_ID,
        title,
    ))
}

/// Compliance rate by committee: one bar each, best on top.
pub fn committees(bars: &[Bar], title: &str, lang: Lang) -> io::Result<String> {
    Ok(named(
        horizontal_bars(bars, title, 44, lang)?,
        COMMITTEES_ID,
        title,
    ))
}

/// Horizontal bars of rates, the first on top, each `row` pixels high; the
/// labels stand left of the bars, so long Chinese names fit.
fn horizontal_bars(bars: &[Bar], title: &str, row: u32, lang: Lang) -> io::Result<String> {
    let rows = bars.len().max(1);
    let height = 110 + row * rows as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        drawn(root.fill(&WHITE))?;
        // A continuous axis of one unit per bar: plotters' discrete axis
        // of a single value maps everything to one point, which drew one
        // committee as an empty chart.
        let top = rows as f64;
        let mut chart = drawn(
            ChartBuilder::on(&root)
                .caption(title, ("sans-serif", 22))
                .margin(12)
                .margin_right(40)
                .x_label_area_size(40)
                .y_label_area_size(340)
                .build_cartesian_2d(0f64..100f64, 0f64..top),
        )?;
        drawn(
            chart
                .configure_mesh()
                .disable_y_mesh()
                .y_labels(0)
                .x_labels(6)
                .x_label_formatter(&|v| format!("{v:.0}%"))
                .x_desc(lang.pick("合规率", "compliance rate"))
                .label_style(("sans-serif", AXIS_FONT))
                .light_line_style(RGBColor(0xee, 0xee, 0xee))
                .draw(),
        )?;
        // Bar i spans the units top − i − 1 to top − i: the first on top.
        let middle = |i: usize| top - i as f64 - 0.5;
        row_labels(
            &root,
            bars.iter()
                .enumerate()
                .map(|(i, b)| (b.label.clone(), chart.backend_coord(&(0.0, middle(i))))),
        )?;
        // Rectangles drawn in the bars' order: plotters' Histogram keeps its
        // bars in a hash map, so its SVG differs from run to run.
        let margin = row / 6;
        drawn(chart.draw_series(bars.iter().enumerate().map(|(i, b)| {
            let y = top - i as f64;
            let mut bar = Rectangle::new(
                [(0.0, y - 1.0), (b.rate * 100.0, y)],
                band_color(b.band).filled(),
            );
            bar.set_margin(margin, margin, 0, 0);
            bar
        })))?;
        // The value sits inside the bar's end, in the ink that reads on its
        // colour, or after it when the bar is short: in print and for every
        // eye the number says what the colour does.
        drawn(chart.draw_series(bars.iter().enumerate().map(|(i, b)| {
            let value = b.rate * 100.0;
            let (x, style) = if value >= 15.0 {
                let ink = match b.band {
                    Band::Low => WHITE,
                    Band::High | Band::Middle => BLACK,
                };
                let font = ("sans-serif", 14).into_font().color(&ink);
                (value - 1.0, font.pos(Pos::new(HPos::Right, VPos::Center)))
            } else {
                let font = ("sans-serif", 14).into_font().color(&BLACK);
                (value + 1.0, font.pos(Pos::new(HPos::Left, VPos::Center)))
            };
            Text::new(percent_of(b.rate), (x, middle(i)), style)
        })))?;
        drawn(root.present())?;
    }
    Ok(svg)
}

/// Labels right-aligned just left of the plotting area, each at the pixel
/// of the middle of its row.
fn row_labels(
    root: &DrawingArea<SVGBackend<'_>, plotters::coord::Shift>,
    labels: impl Iterator<Item = (String, (i32, i32))>,
) -> io::Result<()> {
    let style = ("sans-serif", AXIS_FONT)
        .into_font()
        .color(&BLACK)
        .pos(Pos::new(HPos::Right, VPos::Center));
    for (label, (x, y)) in labels {
        drawn(root.draw(&Text::new(label, (x - 8, y), style.clone())))?;
    }
    Ok(())
}

/// A band's colour on the bars: Okabe and Ito's bluish green, an amber
/// and a dark red, told apart by people with any common colour-vision
/// deficiency and, by their lightness (58, 77, 38 in CIELAB), in grey.
fn band_color(band: Band) -> RGBColor {
    match band {
        Band::High => RGBColor(0x00, 0x9e, 0x73),
        Band::Middle => RGBColor(0xf0, 0xb3, 0x23),
        Band::Low => RGBColor(0xb2, 0x18, 0x2b),
    }
}

/// A mark's colour in a month grid.
fn mark_color(mark: Mark) -> RGBColor {
    match mark {
        Mark::Passed => RGBColor(0x3a, 0x9a, 0x5b),
        Mark::Failed => RGBColor(0xd6, 0x33, 0x33),
        Mark::Pending => RGBColor(0xf2, 0xb1, 0x34),
        Mark::NotDue => RGBColor(0xe4, 0xe4, 0xe4),
    }
}

/// A rule's month-by-member grid (contacts with mobile members).
pub fn grid(rows: &[GridLine], grid: &Grid, lang: Lang) -> io::Result<String> {
    let title = grid.heading.as_str();
    // Room for at least four rows, which the legend needs.
    let height = 100 + 32 * rows.len().max(4) as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        drawn(root.fill(&WHITE))?;
        // One unit per member, the first on top (see horizontal_bars).
        let top = rows.len().max(1) as f64;
        let mut chart = drawn(
            ChartBuilder::on(&root)
                .caption(title, ("sans-serif", 22))
                .margin(12)
                .margin_right(24)
                .x_label_area_size(30)
                .y_label_area_size(200)
                // Months 13–15 stay empty: the legend stands there.
                .build_cartesian_2d((1..15).into_segmented(), 0f64..top),
        )?;
        let month = |v: &SegmentValue<i32>| match v {
            SegmentValue::CenterOf(m) if (1..=12).contains(m) => match lang {
                Lang::Zh => format!("{m}月"),
                Lang::En => MONTHS[*m as usize - 1].to_string(),
            },
            _ => String::new(),
        };
        drawn(
            chart
                .configure_mesh()
                .disable_mesh()
                // Labels without axis lines or ticks: the cells are the grid.
                .axis_style(TRANSPARENT)
                .x_labels(15)
                .x_label_formatter(&month)
                .y_labels(0)
                .label_style(("sans-serif", AXIS_FONT))
                .draw(),
        )?;
        row_labels(
            &root,
            rows.iter().enumerate().map(|(r, row)| {
                let middle = top - r as f64 - 0.5;
                (
                    format!("{} {}", row.member, row.name),
                    chart.backend_coord(&(SegmentValue::Exact(1), middle)),
                )
            }),
        )?;
        // One series per state, so that the legend names each colour.
        for state in Mark::ALL {
            let color = mark_color(state);
            let cells = rows.iter().enumerate().flat_map(|(r, row)| {
                let y = top - r as f64;
                row.months
                    .iter()
                    .enumerate()
                    .filter(move |(_, m)| **m == state)
                    .map(move |(i, _)| {
                        let x = i as i32 + 1;
                        Rectangle::new(
                            [
                                (SegmentValue::Exact(x), y),
                                (SegmentValue::Exact(x + 1), y - 1.0),
                            ],
                            color.filled(),
                        )
                    })
            });
            drawn(chart.draw_series(cells))?
                .label(grid.label(state))
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 6), (x + 14, y + 6)], color.filled())
                });
        }
        // White lines between the cells.
        drawn(
            chart.draw_series(rows.iter().enumerate().flat_map(|(r, _)| {
                let y = top - r as f64;
                (1..=12).map(move |x| {
                    Rectangle::new(
                        [
                            (SegmentValue::Exact(x), y),
                            (SegmentValue::Exact(x + 1), y - 1.0),
                        ],
                        WHITE.stroke_width(2),
                    )
                })
            })),
        )?;
        drawn(
            chart
                .configure_series_labels()
                .position(SeriesLabelPosition::UpperRight)
                .label_font(("sans-serif", AXIS_FONT))
                .background_style(WHITE.mix(0.9))
                .border_style(RGBColor(0xcc, 0xcc, 0xcc))
                .draw(),
        )?;
        drawn(root.present())?;
    }
    Ok(named(svg, &grid_id(grid), title))
}
