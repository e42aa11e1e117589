/**
 * ECharts server-side rendering to an SVG string: the option builders of `src/shared/charts`
 * render here exactly as in the UI. Only the pieces those builders use are registered, which
 * keeps the import light in the CLI.
 */
import type { EChartsOption } from 'echarts';
import { BarChart, HeatmapChart, LineChart, LinesChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([LineChart, BarChart, HeatmapChart, LinesChart, ScatterChart, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);

/**
 * Renders an option to a standalone SVG document.
 *
 * @param width - px; the PDF scales the SVG to the text width, so this sets the font-to-plot ratio.
 * @param height - px.
 */
export function renderChartSvg(option: EChartsOption, width: number, height: number): string {
  if (!(width > 0 && height > 0)) throw new Error(`chart size ${width} × ${height}: both must be > 0`);
  const chart = init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
