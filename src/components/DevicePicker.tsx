'use client'
import type { RelationshipFieldClientComponent } from 'payload'

import {
  FieldDescription,
  FieldError,
  FieldLabel,
  ReactSelect,
  useConfig,
  useField,
  useTranslation,
} from '@payloadcms/ui'
import { useCallback, useEffect, useRef, useState } from 'react'

import { devicePickerQuery } from '../lib/devicePickerQuery'

type Option = { label: string; value: string }

const SEARCH_DELAY_MS = 250

/**
 * The device picker of repair reports and price rows. Payload's relationship picker asks the server (which finds
 * アイフォン12, ｉＰｈｏｎｅ１２ or ip12 through the devices' search text, src/hooks/deviceSearch.ts) and then filters the
 * answers again in the browser by the typed text against the model name, which drops every match found by an alias or
 * another spelling. This one shows what the server found. Same field, same value (the device's ID), same access.
 */
export const DevicePicker: RelationshipFieldClientComponent = ({ field, path, readOnly }) => {
  const { config } = useConfig()
  const { t } = useTranslation()
  const { value, setValue, showError, disabled } = useField<string | null>({ path })
  const [options, setOptions] = useState<Option[]>([])
  // The option picked here, and the saved device's name fetched when the form opens on it.
  const [picked, setPicked] = useState<Option | undefined>()
  const [saved, setSaved] = useState<Option | undefined>()
  const [loading, setLoading] = useState(false)
  const pending = useRef<ReturnType<typeof setTimeout>>(undefined)
  const devicesUrl = `${config.serverURL}${config.routes.api}/devices`

  const find = useCallback(
    async (typed: string) => {
      setLoading(true)
      try {
        const response = await fetch(`${devicesUrl}?${devicePickerQuery(typed)}`, { credentials: 'include' })
        const { docs = [] } = response.ok ? await response.json() : {}
        setOptions(docs.map((device: { id: string; model: string }) => ({ label: device.model, value: device.id })))
      } finally {
        setLoading(false)
      }
    },
    [devicesUrl],
  )

  const selected = value ? [picked, saved, ...options].find((option) => option?.value === value) : undefined
  const named = selected !== undefined

  // The chosen device's name, when the form opens on a saved report.
  useEffect(() => {
    if (!value || named) return
    let current = true
    void fetch(`${devicesUrl}/${encodeURIComponent(value)}?depth=0&select[model]=true`, { credentials: 'include' })
      .then((response) => (response.ok ? response.json() : undefined))
      .then((device?: { id: string; model: string }) => {
        if (current && device) setSaved({ label: device.model, value: device.id })
      })
    return () => {
      current = false
    }
  }, [value, named, devicesUrl])

  const onInputChange = (typed: string) => {
    clearTimeout(pending.current)
    pending.current = setTimeout(() => void find(typed), SEARCH_DELAY_MS)
  }

  return (
    <div
      className={['field-type', 'relationship', showError && 'error'].filter(Boolean).join(' ')}
      id={`field-${path.replace(/\./g, '__')}`}
    >
      <FieldLabel label={field.label} path={path} required={field.required} />
      <div className="field-type__wrap">
        <FieldError path={path} showError={showError} />
        <ReactSelect
          disabled={readOnly || disabled}
          filterOption={() => true}
          isClearable
          isLoading={loading}
          noOptionsMessage={() => t('general:noOptions')}
          onChange={(option) => {
            const chosen = (Array.isArray(option) ? option[0] : option) as Option | undefined
            setPicked(chosen)
            setValue(chosen?.value ?? null)
          }}
          onInputChange={onInputChange}
          onMenuOpen={() => void find('')}
          options={options}
          value={selected}
        />
        <FieldDescription description={field.admin?.description} path={path} />
      </div>
    </div>
  )
}
