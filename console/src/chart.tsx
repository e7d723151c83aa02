// One Chart.js chart, registered piecemeal (only the bar, line and doughnut parts are bundled); the canvas is
// described for screen readers and its figures are also given as a table.
import {
  ArcElement, BarController, BarElement, CategoryScale, Chart, DoughnutController, Legend, LinearScale, LineController, LineElement,
  PointElement, Tooltip, type ChartConfiguration,
} from "chart.js";
import { useEffect, useRef } from "preact/hooks";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, DoughnutController, ArcElement,
  Legend, Tooltip);
Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
Chart.defaults.animation = false;

export const PALETTE = ["#0b5d57", "#3d7fc4", "#c7d2d9", "#b3541e", "#7a4ea3", "#c49a00", "#5c6b73"];

export function ChartView({ config, label, height = 260 }: { config: ChartConfiguration; label: string; height?: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const chart = new Chart(canvas.current!, { ...config, options: { maintainAspectRatio: false, responsive: true, ...config.options } });
    return () => chart.destroy();
  }, [JSON.stringify(config.data), JSON.stringify(config.options ?? null), config.type]);
  return (
    <div class="chart" style={{ height: `${height}px` }}>
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}
