//! The report's charts, drawn by plotters into SVG strings that the HTML
//! page embeds inline. Text is left to the browser's fonts (the page's CSS
//! names them), so nothing here needs a font file.

use std::io;

use plotters::coord::ranged1d::SegmentValue;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::model::{GridLine, percent_of};
use crate::lang::Lang;
use crate::rules::{Grid, Mark};

/// The ids the page gives the charts' `<svg>` elements.
pub const RULES_ID: &str = "chart-rules";
pub const COMMITTEES_ID: &str = "chart-committees";

/// The id of a rule's month grid: `chart-mobile` for the grid named `mobile`.
pub fn grid_id(grid: &Grid) -> String {
    format!("chart-{}", grid.key)
}

const WIDTH: u32 = 1000;
const BAR: RGBColor = RGBColor(0x2f, 0x6d, 0xb5);
const AXIS_FONT: u32 = 15;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// One bar: its label and its rate (0–1).
pub struct Bar {
    pub label: String,
    pub rate: f64,
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
    let height = 110 + row * bars.len().max(1) as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        drawn(root.fill(&WHITE))?;
        let last = bars.len().max(1) as i32 - 1;
        let mut chart = drawn(
            ChartBuilder::on(&root)
                .caption(title, ("sans-serif", 22))
                .margin(12)
                .margin_right(40)
                .x_label_area_size(40)
                .y_label_area_size(340)
                .build_cartesian_2d(0f64..100f64, (0..last).into_segmented()),
        )?;
        // Row 0 is drawn at the bottom: the first bar goes last.
        let place = |i: usize| last - i as i32;
        let label = |v: &SegmentValue<i32>| match v {
            SegmentValue::CenterOf(y) => bars
                .get((last - y) as usize)
                .map_or_else(String::new, |b| b.label.clone()),
            _ => String::new(),
        };
        drawn(
            chart
                .configure_mesh()
                .disable_y_mesh()
                .y_labels(bars.len())
                .y_label_formatter(&label)
                .x_labels(6)
                .x_label_formatter(&|v| format!("{v:.0}%"))
                .x_desc(lang.pick("合规率", "compliance rate"))
                .label_style(("sans-serif", AXIS_FONT))
                .light_line_style(RGBColor(0xee, 0xee, 0xee))
                .draw(),
        )?;
        // Rectangles drawn in the bars' order: plotters' Histogram keeps its
        // bars in a hash map, so its SVG differs from run to run.
        let margin = row / 6;
        drawn(chart.draw_series(bars.iter().enumerate().map(|(i, b)| {
            let y = place(i);
            let mut bar = Rectangle::new(
                [
                    (0.0, SegmentValue::Exact(y)),
                    (b.rate * 100.0, SegmentValue::Exact(y + 1)),
                ],
                BAR.filled(),
            );
            bar.set_margin(margin, margin, 0, 0);
            bar
        })))?;
        // The value sits inside the bar's end, or after it when the bar is short.
        let inside = ("sans-serif", 14)
            .into_font()
            .color(&WHITE)
            .pos(Pos::new(HPos::Right, VPos::Center));
        let outside = ("sans-serif", 14)
            .into_font()
            .color(&BLACK)
            .pos(Pos::new(HPos::Left, VPos::Center));
        drawn(chart.draw_series(bars.iter().enumerate().map(|(i, b)| {
            let value = b.rate * 100.0;
            let (x, style) = if value >= 15.0 {
                (value - 1.0, inside.clone())
            } else {
                (value + 1.0, outside.clone())
            };
            Text::new(
                percent_of(b.rate),
                (x, SegmentValue::CenterOf(place(i))),
                style,
            )
        })))?;
        drawn(root.present())?;
    }
    Ok(svg)
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
        let last = rows.len().max(1) as i32 - 1;
        let mut chart = drawn(
            ChartBuilder::on(&root)
                .caption(title, ("sans-serif", 22))
                .margin(12)
                .margin_right(24)
                .x_label_area_size(30)
                .y_label_area_size(200)
                // Months 13–15 stay empty: the legend stands there.
                .build_cartesian_2d((1..15).into_segmented(), (0..last).into_segmented()),
        )?;
        let member = |v: &SegmentValue<i32>| match v {
            SegmentValue::CenterOf(y) => rows
                .get((last - y) as usize)
                .map_or_else(String::new, |r| format!("{} {}", r.member, r.name)),
            _ => String::new(),
        };
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
                .y_labels(rows.len())
                .y_label_formatter(&member)
                .label_style(("sans-serif", AXIS_FONT))
                .draw(),
        )?;
        // One series per state, so that the legend names each colour.
        for state in Mark::ALL {
            let color = mark_color(state);
            let cells = rows.iter().enumerate().flat_map(|(r, row)| {
                let y = last - r as i32;
                row.months
                    .iter()
                    .enumerate()
                    .filter(move |(_, m)| **m == state)
                    .map(move |(i, _)| {
                        let x = i as i32 + 1;
                        Rectangle::new(
                            [
                                (SegmentValue::Exact(x), SegmentValue::Exact(y + 1)),
                                (SegmentValue::Exact(x + 1), SegmentValue::Exact(y)),
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
                let y = last - r as i32;
                (1..=12).map(move |x| {
                    Rectangle::new(
                        [
                            (SegmentValue::Exact(x), SegmentValue::Exact(y + 1)),
                            (SegmentValue::Exact(x + 1), SegmentValue::Exact(y)),
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
