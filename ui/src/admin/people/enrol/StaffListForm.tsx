import { useState } from 'react'
import { Button, FileDrop, Tabs, Text, TextArea, View } from '@instructure/ui'
import type { StaffList } from './enrolApi'
import { PeoplePicker } from './PeoplePicker'

/** Props for {@link StaffListForm}. */
export interface StaffListFormProps {
  /** True while a check or run is in flight. */
  busy: boolean
  /** Called with the list to check (preview). */
  onCheck: (list: StaffList) => void
  /** Called when the list changes, so an earlier check no longer applies. */
  onEdit: () => void
}

const EXAMPLE = 'name,email,school,role\nSam Okafor,sam.okafor@example.edu,Riverside Primary,teacher'

/** The staff list: a CSV file or pasted text, or people Staffroom knows; "Check list" previews it. */
export function StaffListForm({ busy, onCheck, onEdit }: StaffListFormProps) {
  const [tab, setTab] = useState(0)
  const [csv, setCsv] = useState('')
  const [fileNote, setFileNote] = useState<string | null>(null)
  const [picked, setPicked] = useState<string[]>([])

  async function readFile(files: ArrayLike<DataTransferItem | File>) {
    const file = files[0]
    if (!(file instanceof File)) return
    setCsv(await file.text())
    setFileNote(`Read ${file.name}. Check the text below, then select Check list.`)
    onEdit()
  }

  const list: StaffList | null = tab === 0 ? (csv.trim() ? { csv } : null) : picked.length ? { userIds: picked } : null
  return (
    <View as="div" display="block">
      <Tabs
        onRequestTabChange={(_e, { index }) => {
          setTab(index)
          onEdit()
        }}
      >
        <Tabs.Panel id="staff-csv" renderTitle="CSV file or pasted list" isSelected={tab === 0} padding="small 0">
          <Text as="p">
            The first row names the columns: <Text weight="bold">name</Text> and <Text weight="bold">email</Text> are needed,{' '}
            <Text weight="bold">school</Text> and <Text weight="bold">role</Text> (teacher or lead) are optional. Up to 5,000 people.
          </Text>
          <FileDrop
            accept={['.csv', 'text/csv', 'text/plain']}
            onDropAccepted={(files) => void readFile(files)}
            messages={fileNote ? [{ text: fileNote, type: 'success' }] : undefined}
            renderLabel={
              <View as="div" display="block" padding="small" textAlign="center">
                <Text>Drop a CSV file here, or select to choose one</Text>
              </View>
            }
          />
          <View as="div" display="block" margin="small 0 0">
            <TextArea
              label="Staff list (CSV)"
              value={csv}
              placeholder={EXAMPLE}
              height="10rem"
              onChange={(e) => {
                setCsv(e.target.value)
                onEdit()
              }}
            />
          </View>
        </Tabs.Panel>
        <Tabs.Panel id="staff-pick" renderTitle="People Staffroom knows" isSelected={tab === 1} padding="small 0">
          <PeoplePicker
            selected={picked}
            onChange={(ids) => {
              setPicked(ids)
              onEdit()
            }}
          />
        </Tabs.Panel>
      </Tabs>
      <Button margin="small 0 0" color="primary" onClick={() => list && onCheck(list)} interaction={busy || !list ? 'disabled' : 'enabled'}>
        Check list
      </Button>
    </View>
  )
}
