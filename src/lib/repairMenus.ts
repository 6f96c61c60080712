import { label } from './i18n'

/** The repair menu (修理メニュー) shared by repair reports and prices, so both name a repair the same way. */
export const REPAIR_MENUS = [
  { value: 'screen', label: label('画面交換', 'Screen replacement') },
  { value: 'battery', label: label('バッテリー交換', 'Battery replacement') },
  { value: 'back_glass', label: label('背面ガラス交換', 'Back glass replacement') },
  { value: 'camera', label: label('カメラ交換', 'Camera replacement') },
  { value: 'charging_port', label: label('充電口（ドックコネクタ）交換', 'Charging port replacement') },
  { value: 'water_damage', label: label('水没復旧', 'Water damage recovery') },
  { value: 'data_recovery', label: label('データ復旧', 'Data recovery') },
  { value: 'button', label: label('ボタン修理', 'Button repair') },
  { value: 'speaker', label: label('スピーカー交換', 'Speaker replacement') },
  { value: 'other', label: label('その他', 'Other') },
]
