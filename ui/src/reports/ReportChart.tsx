import { useEffect, useId, useMemo, useRef, useState } from 'react'
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip, type ChartOptions } from 'chart.js'
import { Bar } from 'react-chartjs-2'
import { Button, Heading, Table, Text, View } from '@instructure/ui'

// Only what bar charts need: keeps chart.js's share of the bundle small.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip)

/** One series of bars. */
export interface ChartSeries {
  label: string
  values: number[]
}

/** Props for {@link ReportChart}. */
export interface ReportChartProps {
  /** The chart's heading (an h3), also its accessible name. */
  title: string
  /** What the chart shows, in a sentence or two: read by everyone, not only screen readers. */
  summary: string
  /** The header of the first table column (what each bar group is, e.g. "Week"). */
  categoryHeader: string
  /** One label per bar group. */
  labels: string[]
  /** Two series at most: the first solid, the second hatched, so colour is never the only difference. */
  series: [ChartSeries] | [ChartSeries, ChartSeries]
}

const SOLID = '#0374B5' // canvas theme brand blue: 4.5:1 on white
const DARK = '#2D3B45' // canvas theme oxford

// Diagonal stripes on white, outlined in dark grey: the second series differs by pattern as well as colour.
function hatch(): CanvasPattern | string {
  const tile = document.createElement('canvas')
  tile.width = tile.height = 8
  const ctx = tile.getContext('2d')
  if (!ctx) return DARK
  ctx.fillStyle = '#FFFFFF'
  ctx.fillRect(0, 0, 8, 8)
  ctx.strokeStyle = DARK
  ctx.lineWidth = 2
  ctx.beginPath()
  ctx.moveTo(0, 8)
  ctx.lineTo(8, 0)
  ctx.moveTo(-2, 2)
  ctx.lineTo(2, -2)
  ctx.moveTo(6, 10)
  ctx.lineTo(10, 6)
  ctx.stroke()
  return ctx.createPattern(tile, 'repeat') ?? DARK
}

const OPTIONS: ChartOptions<'bar'> = {
  animation: false,
  responsive: true,
  maintainAspectRatio: false,
  scales: { y: { beginAtZero: true, grace: '10%', ticks: { precision: 0, color: DARK }, grid: { color: '#C7CDD1' } }, x: { ticks: { color: DARK } } },
  plugins: { legend: { position: 'bottom', labels: { color: DARK, boxWidth: 24 } } }
}

/**
 * A bar chart with its text summary and a "Show as table" table view. The canvas is an image named by the title and
 * described by the summary; the table (always in the page, hidden until asked for) is also what prints.
 */
export function ReportChart({ title, summary, categoryHeader, labels, series }: ReportChartProps) {
  const headingId = useId()
  const summaryId = useId()
  const tableId = useId()
  const [showTable, setShowTable] = useState(false)
  const chartRef = useRef<Chart<'bar'> | null>(null)
  const data = useMemo(
    () => ({
      labels,
      datasets: series.map((s, i) => ({
        label: s.label,
        data: s.values,
        backgroundColor: i === 0 ? SOLID : hatch(),
        borderColor: i === 0 ? SOLID : DARK,
        borderWidth: 2
      }))
    }),
    [labels, series]
  )

  // Canvas keeps its screen size when printing unless told to fit the page.
  useEffect(() => {
    const fit = () => chartRef.current?.resize()
    window.addEventListener('beforeprint', fit)
    window.addEventListener('afterprint', fit)
    return () => {
      window.removeEventListener('beforeprint', fit)
      window.removeEventListener('afterprint', fit)
    }
  }, [])

  return (
    <View as="figure" display="block" margin="medium 0" className="report-chart" aria-labelledby={headingId}>
      <Heading level="h3" variant="titleCardRegular" id={headingId} margin="0 0 x-small">
        {title}
      </Heading>
      <Text as="p" id={summaryId}>
        {summary}
      </Text>
      <div className="report-chart__canvas">
        <Bar ref={chartRef} data={data} options={OPTIONS} role="img" aria-label={title} aria-describedby={summaryId}>
          {summary}
        </Bar>
      </div>
      <View as="div" display="block" margin="small 0 0" className="report-no-print">
        <Button size="small" aria-expanded={showTable} aria-controls={tableId} onClick={() => setShowTable((v) => !v)}>
          {showTable ? `Hide table: ${title}` : `Show as table: ${title}`}
        </Button>
      </View>
      <div id={tableId} hidden={!showTable} className="report-chart__table">
        <Table caption={title} margin="small 0 0">
          <Table.Head>
            <Table.Row>
              {[
                <Table.ColHeader id={`${tableId}-category`} key="category">
                  {categoryHeader}
                </Table.ColHeader>,
                ...series.map((s, i) => (
                  <Table.ColHeader id={`${tableId}-series-${i}`} key={s.label}>
                    {s.label}
                  </Table.ColHeader>
                ))
              ]}
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {labels.map((label, row) => (
              <Table.Row key={`${label}-${row}`}>
                {[
                  <Table.RowHeader key="category">{label}</Table.RowHeader>,
                  ...series.map((s) => <Table.Cell key={s.label}>{s.values[row] ?? 0}</Table.Cell>)
                ]}
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </div>
    </View>
  )
}
