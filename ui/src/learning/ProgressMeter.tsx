import { ProgressBar, Text, View } from '@instructure/ui'

/** Props for {@link ProgressMeter}. */
export interface ProgressMeterProps {
  /** What the bar measures, read by screen readers ("Progress in Foundations"). */
  label: string
  percent: number
  /** Visible and spoken value, e.g. "2 of 3 steps complete". */
  valueText: string
}

/** A progress bar with its value in words above it, so it never relies on the bar's length alone. */
export function ProgressMeter({ label, percent, valueText }: ProgressMeterProps) {
  return (
    <View as="div" display="block" margin="x-small 0">
      {/* Hidden from screen readers: the bar itself says the same through aria-valuetext. */}
      <Text size="small" aria-hidden="true">
        {valueText} ({percent}%)
      </Text>
      <ProgressBar
        screenReaderLabel={label}
        valueNow={percent}
        valueMax={100}
        size="small"
        meterColor={percent >= 100 ? 'success' : 'brand'}
        formatScreenReaderValue={() => `${percent}%: ${valueText}`}
      />
    </View>
  )
}
