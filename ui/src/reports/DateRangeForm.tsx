import { useState, type FormEvent } from 'react'
import { Button, Flex, TextInput } from '@instructure/ui'
import type { DateRange } from './reportsApi'

/** Props for {@link DateRangeForm}. */
export interface DateRangeFormProps {
  /** The range in force (empty strings: the cohort's start to today). */
  range: DateRange
  onApply: (range: DateRange) => void
}

const DAY = /^\d{4}-\d{2}-\d{2}$/
const validDay = (s: string) => DAY.test(s) && !Number.isNaN(new Date(`${s}T00:00:00Z`).getTime())

/** "From" and "To" days (YYYY-MM-DD, inclusive), checked before they are sent; empty means the default. */
export function DateRangeForm({ range, onApply }: DateRangeFormProps) {
  const [from, setFrom] = useState(range.from)
  const [to, setTo] = useState(range.to)
  const [tried, setTried] = useState(false)
  const fromError = from && !validDay(from) ? 'Write the day as YYYY-MM-DD, e.g. 2026-11-02.' : from && to && validDay(to) && from > to ? 'The first day must not be after the last day.' : null
  const toError = to && !validDay(to) ? 'Write the day as YYYY-MM-DD, e.g. 2026-11-30.' : null

  const submit = (e: FormEvent) => {
    e.preventDefault()
    setTried(true)
    if (fromError || toError) return
    onApply({ from, to })
  }
  const reset = () => {
    setFrom('')
    setTo('')
    setTried(false)
    onApply({ from: '', to: '' })
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Date range" className="report-no-print">
      <Flex wrap="wrap" gap="small" alignItems="end">
        <Flex.Item>
          <TextInput
            renderLabel="From (first day)"
            placeholder="YYYY-MM-DD"
            value={from}
            width="12rem"
            onChange={(_e, v) => setFrom(v.trim())}
            messages={tried && fromError ? [{ type: 'newError', text: fromError }] : [{ type: 'hint', text: 'Empty: when the cohort began' }]}
          />
        </Flex.Item>
        <Flex.Item>
          <TextInput
            renderLabel="To (last day)"
            placeholder="YYYY-MM-DD"
            value={to}
            width="12rem"
            onChange={(_e, v) => setTo(v.trim())}
            messages={tried && toError ? [{ type: 'newError', text: toError }] : [{ type: 'hint', text: 'Empty: today' }]}
          />
        </Flex.Item>
        <Flex.Item margin="0 0 large">
          <Button type="submit" color="primary">
            Show these days
          </Button>
        </Flex.Item>
        {(range.from || range.to) && (
          <Flex.Item margin="0 0 large">
            <Button onClick={reset}>Reset to all days</Button>
          </Flex.Item>
        )}
      </Flex>
    </form>
  )
}
